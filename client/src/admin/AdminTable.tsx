import { useTranslation } from 'react-i18next'
import type { AdminWorkshopRow } from '../../../shared/staff'
import { onLinkClick } from '../lib/navigation'
import { formatDateTime } from '../i18n/format'
import { formatBytes, totalSize, type SortKey } from './adminApi'

const columns: readonly { key: SortKey; numeric?: boolean }[] = [
  { key: 'title' },
  { key: 'owner' },
  { key: 'createdAt' },
  { key: 'lastActivityAt' },
  { key: 'participants', numeric: true },
  { key: 'size', numeric: true },
]

/** The overview as a table: sortable column headers (buttons with aria-sort), one row per workshop. */
export function AdminTable({
  rows,
  sort,
  onSort,
  onDelete,
  onTransfer,
  locale,
}: {
  rows: readonly AdminWorkshopRow[]
  sort: { key: SortKey; descending: boolean }
  onSort: (sort: { key: SortKey; descending: boolean }) => void
  onDelete: (row: AdminWorkshopRow) => void
  onTransfer: (row: AdminWorkshopRow) => void
  locale: string
}) {
  const { t, i18n } = useTranslation('admin')
  const date = (ms: number | null) => (ms === null ? t('never') : formatDateTime(ms, i18n.resolvedLanguage, { dateStyle: 'medium' }))
  return (
    // A wide table scrolls inside its own region on a phone; the region is focusable so keyboards can scroll it.
    <div className="admin__table-wrap" role="region" aria-label={t('tableLabel')} tabIndex={0}>
      <table className="admin__table" data-testid="admin-table">
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort.key === column.key
              return (
                <th key={column.key} scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined} className={column.numeric ? 'admin__num' : undefined}>
                  <button
                    type="button"
                    className="admin__sort"
                    onClick={() => onSort({ key: column.key, descending: active ? !sort.descending : column.key !== 'title' && column.key !== 'owner' })}
                  >
                    {t(`columns.${column.key}`)}
                    <span aria-hidden="true" className="admin__sort-mark">
                      {active ? (sort.descending ? '▼' : '▲') : ''}
                    </span>
                  </button>
                </th>
              )
            })}
            <th scope="col">{t('columns.deletesAt')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="admin__title">
                <a href={`/w/${row.id}`} onClick={onLinkClick({ page: 'workshop', workshopId: row.id, boardId: null })}>
                  {row.title || t('app:workshop.untitled')}
                </a>
              </th>
              <td>{row.owner ? <span title={row.owner.email}>{row.owner.name}</span> : <span className="muted">{t('noOwner')}</span>}</td>
              <td>{date(row.createdAt)}</td>
              <td>{date(row.lastActivityAt)}</td>
              <td className="admin__num">{row.participants}</td>
              <td className="admin__num">
                <span
                  title={t('sizeParts', {
                    document: formatBytes(row.size.document, locale),
                    history: formatBytes(row.size.history, locale),
                    photos: formatBytes(row.size.photos, locale),
                  })}
                >
                  {formatBytes(totalSize(row), locale)}
                </span>
              </td>
              <td>{date(row.deletesAt)}</td>
              <td className="admin__actions">
                <button type="button" className="button button--quiet" onClick={() => onTransfer(row)}>
                  {t('transferButton')}
                  <span className="visually-hidden"> {row.title}</span>
                </button>
                <button type="button" className="button button--quiet admin__delete" onClick={() => onDelete(row)}>
                  {t('deleteButton')}
                  <span className="visually-hidden"> {row.title}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
