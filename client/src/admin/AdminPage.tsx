import { useCallback, useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AdminWorkshopRow } from '../../../shared/staff'
import { AccessibilityLink } from '../a11y/AccessibilityLink'
import { intlLocale } from '../i18n/format'
import { signedIn, signInHref, useSession } from '../staff/sessionClient'
import { StaffPageHeader } from '../staff/StaffPageHeader'
import { AdminTable } from './AdminTable'
import { DeleteWorkshopDialog, TransferWorkshopDialog } from './AdminDialogs'
import { fetchAdminWorkshops, formatBytes, totalSize, visibleRows, type SortKey } from './adminApi'
import '../staff/staff.css'
import './admin.css'

type Load = { status: 'loading' } | { status: 'ready'; rows: AdminWorkshopRow[] } | { status: 'failed'; httpStatus: number }

/**
 * `/admin`: every workshop on the server with owner, dates, participants, bytes on disk and when it
 * will be deleted; search, sort, export (CSV, JSON), delete (confirmed) and transfer. The server
 * decides who sees it (administrators: 403 for everyone else); the page only explains.
 */
export function AdminPage() {
  const { t, i18n } = useTranslation('admin')
  const session = useSession()
  const staff = signedIn(session)
  const searchId = useId()
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [search, setSearch] = useState('')
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'lastActivityAt', descending: true })
  const [deleting, setDeleting] = useState<AdminWorkshopRow | null>(null)
  const [transferring, setTransferring] = useState<AdminWorkshopRow | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const locale = intlLocale(i18n.resolvedLanguage)

  useEffect(() => {
    document.title = t('documentTitle')
  }, [t])

  const reload = useCallback(async () => {
    const result = await fetchAdminWorkshops()
    setLoad(result.ok ? { status: 'ready', rows: result.value } : { status: 'failed', httpStatus: result.status })
  }, [])

  useEffect(() => {
    if (staff?.isAdmin) void reload()
  }, [staff?.isAdmin, reload])

  const rows = useMemo(() => (load.status === 'ready' ? visibleRows(load.rows, search, sort, locale) : []), [load, search, sort, locale])
  const total = load.status === 'ready' ? load.rows.reduce((sum, row) => sum + totalSize(row), 0) : 0

  return (
    <div className="admin-page">
      <StaffPageHeader />
      <main className="admin">
        <h1>{t('heading')}</h1>
        {session.status === 'loading' && <p role="status">{t('loading')}</p>}
        {session.status === 'offline' && <p className="notice notice--error">{t('offline')}</p>}
        {session.status === 'ready' && !staff && (
          <div className="card">
            <p>{session.info.signInAvailable ? t('notSignedIn') : t('noSignIn')}</p>
            {session.info.signInAvailable && (
              <a className="button button--primary" href={signInHref('/admin')}>
                {t('signIn')}
              </a>
            )}
          </div>
        )}
        {staff && !staff.isAdmin && <p className="notice notice--error">{t('notAdmin')}</p>}
        {staff?.isAdmin && (
          <>
            <p className="admin__intro">{t('intro')}</p>
            <div className="admin__tools">
              <label className="field admin__search" htmlFor={searchId}>
                <span className="field__label">{t('search')}</span>
                <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
              </label>
              <div className="admin__export">
                <a className="button" href="/api/admin/workshops?format=csv" download>
                  {t('export.csv')}
                </a>
                <a className="button" href="/api/admin/workshops?format=json" download>
                  {t('export.json')}
                </a>
              </div>
            </div>
            <div role="status" className="admin__status">
              {message && <p className="notice">{message}</p>}
              {load.status === 'ready' && (
                <p className="muted">
                  {t('count', { count: rows.length, total: load.rows.length })} · {t('totalSize', { size: formatBytes(total, locale) })}
                </p>
              )}
            </div>
            {load.status === 'loading' && <p>{t('loading')}</p>}
            {load.status === 'failed' && <p className="notice notice--error">{t('failed', { status: load.httpStatus || '—' })}</p>}
            {load.status === 'ready' && load.rows.length === 0 && <p className="muted">{t('empty')}</p>}
            {load.status === 'ready' && load.rows.length > 0 && rows.length === 0 && <p className="muted">{t('noMatches')}</p>}
            {rows.length > 0 && <AdminTable rows={rows} sort={sort} onSort={setSort} onDelete={setDeleting} onTransfer={setTransferring} locale={locale} />}
          </>
        )}
      </main>
      <footer className="home-footer">
        <AccessibilityLink />
      </footer>
      {deleting && (
        <DeleteWorkshopDialog
          workshop={deleting}
          onDone={(deleted) => {
            setDeleting(null)
            if (deleted) {
              setMessage(t('deleted', { title: deleting.title }))
              void reload()
            }
          }}
        />
      )}
      {transferring && (
        <TransferWorkshopDialog
          workshop={transferring}
          onDone={(owner) => {
            setTransferring(null)
            if (owner) {
              setMessage(t('transferred', { title: transferring.title, name: owner.name }))
              void reload()
            }
          }}
        />
      )}
    </div>
  )
}
