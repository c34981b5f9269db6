import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../i18n/format'
import { KeptBadge } from '../offline/KeptBadge'
import { onLinkClick } from '../lib/navigation'
import { forgetWorkshop, loadRecent, saveRecent } from './recentWorkshops'

/** `exclude`: workshops listed elsewhere already (a signed-in person's, from the server); then an empty list shows nothing. */
export function RecentWorkshops({ headingId, exclude }: { headingId: string; exclude?: ReadonlySet<string> }) {
  const { t, i18n } = useTranslation('app')
  const [list, setList] = useState(loadRecent)
  const shown = exclude ? list.filter((w) => !exclude.has(w.id)) : list
  if (shown.length === 0) return exclude ? null : <p className="muted">{t('home.recent.empty')}</p>
  return (
    <ul className="recent-list" aria-labelledby={headingId}>
      {shown.map((w) => {
        const route = { page: 'workshop', workshopId: w.id, boardId: null } as const
        const title = w.title || t('workshop.untitled')
        return (
          <li key={w.id} className="recent-item">
            <a href={`/w/${w.id}`} onClick={onLinkClick(route)} className="recent-item__link">
              <span className="recent-item__title">
                {title}
                <KeptBadge workshopId={w.id} />
              </span>
              <span className="recent-item__date">{t('home.recent.lastOpened', { date: formatDateTime(w.lastOpened, i18n.resolvedLanguage) })}</span>
            </a>
            <button
              type="button"
              className="button button--icon button--quiet"
              aria-label={t('home.recent.remove', { title })}
              title={t('home.recent.remove', { title })}
              onClick={() => {
                const next = forgetWorkshop(list, w.id)
                saveRecent(next)
                setList(next)
              }}
            >
              <span aria-hidden="true">✕</span>
            </button>
          </li>
        )
      })}
    </ul>
  )
}
