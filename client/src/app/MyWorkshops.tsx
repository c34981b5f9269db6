import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StaffWorkshop } from '../../../shared/staff'
import { onLinkClick } from '../lib/navigation'
import { RecentWorkshops } from './RecentWorkshops'
import { loadRecent } from './recentWorkshops'
import { formatDateTime } from '../i18n/format'
import { KeptBadge } from '../offline/KeptBadge'
import { signedIn, useSession } from '../staff/sessionClient'
import { fetchMyWorkshops } from '../staff/staffApi'

/**
 * "My workshops": for a signed-in staff member, the ones they own or co-facilitate, from the
 * server, so the list is the same on every device (and below it any others opened on this
 * device); for everyone else, this device's list as before.
 */
export function MyWorkshops({ headingId }: { headingId: string }) {
  const session = useSession()
  const staff = signedIn(session)
  if (!staff) return <RecentWorkshops headingId={headingId} />
  return <StaffWorkshops key={staff.id} headingId={headingId} />
}

function StaffWorkshops({ headingId }: { headingId: string }) {
  const { t, i18n } = useTranslation('staff')
  const [state, setState] = useState<{ status: 'loading' } | { status: 'ready'; list: StaffWorkshop[] } | { status: 'failed' }>({ status: 'loading' })
  const deviceHeadingId = useId()
  useEffect(() => {
    let cancelled = false
    void fetchMyWorkshops().then((result) => {
      if (!cancelled) setState(result.ok ? { status: 'ready', list: result.value } : { status: 'failed' })
    })
    return () => {
      cancelled = true
    }
  }, [])
  const listed = useMemo(() => new Set(state.status === 'ready' ? state.list.map((w) => w.id) : []), [state])

  if (state.status === 'loading') return <p className="muted" role="status">{t('mine.loading')}</p>
  if (state.status === 'failed') {
    return (
      <>
        <p className="notice notice--error">{t('mine.failed')}</p>
        <RecentWorkshops headingId={headingId} />
      </>
    )
  }
  return (
    <>
      {state.list.length === 0 ? (
        <p className="muted">{t('mine.empty')}</p>
      ) : (
        <ul className="recent-list" aria-labelledby={headingId} data-testid="my-workshops">
          {state.list.map((w) => {
            const route = { page: 'workshop', workshopId: w.id, boardId: null } as const
            const date = formatDateTime(w.lastActivityAt ?? w.createdAt, i18n.resolvedLanguage)
            return (
              <li key={w.id} className="recent-item">
                <a href={`/w/${w.id}`} onClick={onLinkClick(route)} className="recent-item__link">
                  <span className="recent-item__title">
                    {w.title || t('app:workshop.untitled')}
                    <KeptBadge workshopId={w.id} />
                  </span>
                  <span className="recent-item__date">
                    <span className={`staff-role staff-role--${w.role}`}>{t(`mine.role.${w.role}`)}</span> · {t('mine.lastActivity', { date })}
                  </span>
                </a>
              </li>
            )
          })}
        </ul>
      )}
      {loadRecent().some((w) => !listed.has(w.id)) && <DeviceWorkshops headingId={deviceHeadingId} exclude={listed} />}
    </>
  )
}

/** Workshops opened on this device that are not the person's own (a colleague's participant link, a resident's dialogue). */
function DeviceWorkshops({ headingId, exclude }: { headingId: string; exclude: ReadonlySet<string> }) {
  const { t } = useTranslation('staff')
  return (
    <div className="staff-device-list">
      <h3 id={headingId} className="staff-device-list__heading">
        {t('mine.onDevice')}
      </h3>
      <RecentWorkshops headingId={headingId} exclude={exclude} />
    </div>
  )
}
