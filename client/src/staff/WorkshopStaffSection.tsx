import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StaffMember, WorkshopRetention, WorkshopStaffInfo } from '../../../shared/staff'
import { FollowUpButton } from '../followup/FollowUpButton'
import { formatDateTime } from '../i18n/format'
import { SaveTemplateForm } from '../templates/SaveTemplateForm'
import { signedIn, signInHref, useSession } from './sessionClient'
import { StaffPicker } from './StaffPicker'
import { WorkshopAuditLog } from './WorkshopAuditLog'
import { changeWorkshopStaff, fetchWorkshopStaff, type StaffChange } from './staffApi'
import './staff.css'

/**
 * In "Share", for facilitators on a server with sign-in: who owns the workshop and who helps run
 * it. The owner (or an administrator) adds colleagues as co-facilitators (they get the
 * facilitator role when signed in, on any device, without a link), removes them, or hands the
 * workshop over; a signed-in facilitator takes over a workshop nobody owns. Guests keep using
 * the facilitator link.
 */
export function WorkshopStaffSection({ workshopId, open }: { workshopId: string; open: boolean }) {
  const { t } = useTranslation('staff')
  const session = useSession()
  const me = signedIn(session)
  const headingId = useId()
  const [info, setInfo] = useState<WorkshopStaffInfo | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // Bumped after each change made here, so an open audit list reads its new line.
  const [auditRevision, setAuditRevision] = useState(0)

  const signInHere = session.status === 'ready' && session.info.signInAvailable
  useEffect(() => {
    if (!open || session.status !== 'ready') return
    let cancelled = false
    void fetchWorkshopStaff(workshopId).then((result) => {
      if (cancelled) return
      if (result.ok) setInfo(result.value)
      else setError(result.message ?? t('people.failedPlain'))
    })
    return () => {
      cancelled = true
    }
  }, [open, session, workshopId, t])

  if (session.status !== 'ready') return null
  // Without sign-in there is nobody to add: only when the workshop will be deleted.
  if (!signInHere) return info ? <RetentionLine retention={info.retention} busy={busy} onKeep={() => void change({ action: 'keep' })} error={error} /> : null

  async function change(next: StaffChange) {
    setBusy(true)
    setError(null)
    const result = await changeWorkshopStaff(workshopId, next)
    setBusy(false)
    if (result.ok) {
      setInfo(result.value)
      setAuditRevision((n) => n + 1)
    } else setError(result.message ?? t('people.failedPlain'))
  }

  const isMe = (person: StaffMember) => me?.id === person.id
  return (
    <section className="workshop-staff" aria-labelledby={headingId} aria-busy={busy} data-testid="workshop-staff">
      <h3 id={headingId} className="workshop-staff__heading">
        {t('people.heading')}
      </h3>
      <p className="workshop-staff__intro">{t('people.intro')}</p>
      {!me && (
        <p>
          <a href={signInHref()}>{t('people.signInToManage')}</a>
        </p>
      )}
      {info && (
        <>
          <p className="workshop-staff__owner">
            <span className="workshop-staff__label">{t('people.owner')}</span>{' '}
            {info.owner ? <Person person={info.owner} me={isMe(info.owner)} /> : <span className="muted">{t('people.noOwner')}</span>}
          </p>
          {!info.owner && me && (
            <div className="workshop-staff__claim">
              <p className="field__hint">{t('people.claimHint')}</p>
              <button type="button" className="button" disabled={busy} onClick={() => void change({ action: 'claim' })}>
                {t('people.claim')}
              </button>
            </div>
          )}
          <p className="workshop-staff__label">{t('people.cofacilitators')}</p>
          {info.cofacilitators.length === 0 ? (
            <p className="muted">{t('people.noCofacilitators')}</p>
          ) : (
            <ul className="workshop-staff__list">
              {info.cofacilitators.map((person) => (
                <li key={person.id}>
                  <Person person={person} me={isMe(person)} />
                  {info.canManage && (
                    <span className="workshop-staff__actions">
                      <button type="button" className="button button--quiet" disabled={busy} onClick={() => void change({ action: 'transfer', staffId: person.id })}>
                        {t('people.transfer', { name: person.name })}
                      </button>
                      <button type="button" className="button button--quiet" disabled={busy} onClick={() => void change({ action: 'remove', staffId: person.id })}>
                        {t('people.remove', { name: person.name })}
                      </button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {info.canManage && (
            <StaffPicker
              label={t('people.add')}
              hint={t('people.searchHint')}
              actionLabel={(person) => t('people.addButton', { name: person.name })}
              exclude={[info.owner?.id ?? '', ...info.cofacilitators.map((p) => p.id)]}
              disabled={busy}
              onPick={(person) => void change({ action: 'add', staffId: person.id })}
            />
          )}
        </>
      )}
      {info && me && (me.isAdmin || (info.owner !== null && isMe(info.owner)) || info.cofacilitators.some(isMe)) && (
        <>
          <FollowUpButton workshopId={workshopId} />
          <SaveTemplateForm workshopId={workshopId} />
        </>
      )}
      {info && <RetentionLine retention={info.retention} busy={busy} onKeep={() => void change({ action: 'keep' })} error={null} />}
      {/* canManage is the owner or an administrator: the same people the audit route answers. */}
      {info?.canManage && <WorkshopAuditLog workshopId={workshopId} revision={auditRevision} />}
      <div role="alert">{error && <p className="notice notice--error">{t('people.failed', { message: error })}</p>}</div>
    </section>
  )
}

/** When retention deletes the workshop, and "Keep it" for those who may. */
function RetentionLine({ retention, busy, onKeep, error }: { retention: WorkshopRetention; busy: boolean; onKeep: () => void; error: string | null }) {
  const { t, i18n } = useTranslation('staff')
  if (retention.deletesAt === null) return null
  const date = formatDateTime(retention.deletesAt, i18n.resolvedLanguage, { dateStyle: 'long' })
  return (
    <div className="workshop-staff__retention" data-testid="workshop-retention">
      <p>{t('retention.deletesAt', { date, count: retention.days })}</p>
      {retention.canKeep && (
        <button type="button" className="button" disabled={busy} onClick={onKeep}>
          {t('retention.keep', { count: retention.days })}
        </button>
      )}
      <div role="alert">{error && <p className="notice notice--error">{t('people.failed', { message: error })}</p>}</div>
    </div>
  )
}

function Person({ person, me }: { person: StaffMember; me: boolean }) {
  const { t } = useTranslation('staff')
  return (
    <span className="workshop-staff__person">
      <strong>{person.name}</strong>
      {person.email && <span className="muted"> · {person.email}</span>}
      {me && <span className="muted"> ({t('people.you')})</span>}
    </span>
  )
}
