import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreatedWorkshop } from '../../../shared/access'
import { rememberCreated } from '../access/workshopAccess'
import { navigate } from '../lib/navigation'
import { callJson } from '../staff/staffApi'

/**
 * "Start a follow-up workshop": a new workshop whose challenge board holds this one's open actions,
 * each linked back (server/http/followUpApi.ts); the person lands in it as its facilitator. Shown
 * to the workshop's staff (the register, and "Share" on the board); the server decides.
 */
export function FollowUpButton({ workshopId, title, className = 'button' }: { workshopId: string; title?: string; className?: string }) {
  const { t, i18n } = useTranslation('followup')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function start() {
    setBusy(true)
    setError(null)
    const known = title ?? (await callJson<{ title: string }>(`/api/workshops/${encodeURIComponent(workshopId)}`).then((r) => (r.ok ? r.value.title : '')))
    const result = await startFollowUp(workshopId, { title: t('register.followUp.newTitle', { title: known || t('search.untitled') }).slice(0, 200), boardTitle: t('register.followUp.boardTitle') })
    setBusy(false)
    if (result.ok) {
      rememberCreated(result.value)
      navigate({ page: 'workshop', workshopId: result.value.id, boardId: null })
      return
    }
    const code = result.code
    setError(
      result.status === 0
        ? t('register.refusals.offline')
        : code && i18n.exists(`followup:register.followUp.${code}`)
          ? t(`register.followUp.${code}`)
          : code && i18n.exists(`followup:register.refusals.${code}`)
            ? t(`register.refusals.${code}`)
            : t('register.refusals.unknown', { status: result.status }),
    )
  }

  return (
    <div className="follow-up-button">
      <button type="button" className={className} disabled={busy} onClick={() => void start()} data-testid="start-follow-up">
        {busy ? t('register.followUp.starting') : t('register.followUp.button')}
      </button>
      <div role="alert">{error && <p className="notice notice--error">{error}</p>}</div>
    </div>
  )
}

async function startFollowUp(workshopId: string, body: { title: string; boardTitle: string }): Promise<{ ok: true; value: CreatedWorkshop } | { ok: false; status: number; code: string | null }> {
  let response: Response
  try {
    response = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/follow-up`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  } catch {
    return { ok: false, status: 0, code: null }
  }
  const json = (await response.json().catch(() => null)) as (CreatedWorkshop & { code?: string }) | null
  if (response.status === 201 && json) return { ok: true, value: json }
  return { ok: false, status: response.status, code: typeof json?.code === 'string' ? json.code : null }
}
