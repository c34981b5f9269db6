import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditActor, AuditEntry } from '../../../shared/staff'
import { formatDateTime } from '../i18n/format'
import { fetchWorkshopAudit } from './staffApi'

/**
 * In "Share", for the owner and administrators (the server answers 403 to anyone else): who
 * created, revealed, restored, removed a participant, handed over, kept the workshop. Read when
 * opened, newest first, and read again while open whenever `revision` changes: Share bumps it after
 * each change it makes here ("Keep it", co-facilitators, transfer), so the new line shows at once.
 */
export function WorkshopAuditLog({ workshopId, revision = 0 }: { workshopId: string; revision?: number }) {
  const { t, i18n } = useTranslation('staff')
  const [open, setOpen] = useState(false)
  const [entries, setEntries] = useState<AuditEntry[] | null>(null)
  const [failed, setFailed] = useState<string | null>(null)

  useEffect(() => {
    if (!open) return
    let cancelled = false
    setFailed(null)
    void fetchWorkshopAudit(workshopId).then((result) => {
      if (cancelled) return
      if (result.ok) setEntries(result.value)
      else setFailed(result.message ?? t('people.failedPlain'))
    })
    return () => {
      cancelled = true
    }
  }, [open, revision, workshopId, t])

  const actorName = (actor: AuditActor) => (actor.kind === 'staff' ? actor.name : t(`audit.actor.${actor.kind}`))
  return (
    <details className="workshop-staff__audit" data-testid="workshop-audit" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('audit.heading')}</summary>
      <p className="field__hint">{t('audit.intro')}</p>
      {failed !== null ? (
        <p className="notice notice--error">{t('people.failed', { message: failed })}</p>
      ) : entries === null ? (
        <p className="muted">{t('audit.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <ul className="workshop-staff__audit-list">
          {entries.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at, i18n.resolvedLanguage, { dateStyle: 'short', timeStyle: 'short' })}</time>{' '}
              {t(`audit.action.${entry.action}`, { actor: actorName(entry.actor), detail: entry.detail })}
            </li>
          ))}
        </ul>
      )}
    </details>
  )
}
