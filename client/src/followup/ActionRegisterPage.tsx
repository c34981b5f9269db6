import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ActionRow } from '../../../shared/followup/actionRegister'
import type { ActionStatus } from '../../../shared/schema/records/card'
import { formatCalendarDate } from '../i18n/format'
import { changeAction, fetchRegister, localToday, noFilters, type Register, type RegisterFilters } from './followupApi'
import { FollowupShell } from './FollowupShell'
import { ChallengeProgressList } from './ChallengeProgressList'
import { FollowUpSection } from './FollowUpSection'
import { downloadRegister } from './registerDownloads'
import { RegisterFilterForm } from './RegisterFilters'
import { RegisterRow } from './RegisterRow'

/** A page of the register and the cursor it was asked with (null: the first), so a change can ask for it again. */
type Page = { cursor: string | null; register: Register }
type Load = { status: 'loading' } | { status: 'ready'; pages: Page[] } | { status: 'failed'; httpStatus: number }

/** Typing a name asks the server once the typing pauses. */
const OWNER_PAUSE_MS = 300

/**
 * `/actions`: the action register (issue 17). Every action of the workshops the signed-in person
 * may see, in four views with filters, each changeable in status and due date (written into the
 * workshop through its room: live on its board), with progress per challenge and the lists as
 * CSV and iCalendar files. The server answers a page of workshops at a time, newest first
 * (`GET /api/actions`, `next`); "Load more workshops" appends the next page.
 */
export function ActionRegisterPage() {
  const { t } = useTranslation('followup')
  return (
    <FollowupShell current="register" title={t('register.documentTitle')} heading={t('register.heading')} intro={t('register.intro')}>
      {() => <Register />}
    </FollowupShell>
  )
}

function Register() {
  const { t, i18n } = useTranslation('followup')
  const { t: tc } = useTranslation('challenges')
  const [filters, setFilters] = useState<RegisterFilters>(noFilters)
  const [asked, setAsked] = useState<RegisterFilters>(noFilters)
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null)
  const [more, setMore] = useState<'idle' | 'loading' | 'failed'>('idle')
  // Pages that arrive after the filters changed belong to the old list: each first page starts a new generation.
  const generation = useRef(0)
  const today = localToday()

  useEffect(() => {
    if (filters.owner === asked.owner) return setAsked(filters)
    const timer = setTimeout(() => setAsked(filters), OWNER_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [filters, asked.owner])

  const reload = useCallback(async (query: RegisterFilters, day: string) => {
    const mine = ++generation.current
    const result = await fetchRegister(query, day)
    if (mine !== generation.current) return
    setMore('idle')
    setLoad(result.ok ? { status: 'ready', pages: [{ cursor: null, register: result.value }] } : { status: 'failed', httpStatus: result.status })
  }, [])

  useEffect(() => {
    void reload(asked, today)
  }, [asked, today, reload])

  const pages = useMemo(() => (load.status === 'ready' ? load.pages : []), [load])
  const rows = useMemo(() => pages.flatMap((page) => page.register.actions), [pages])
  const progress = useMemo(() => pages.flatMap((page) => page.register.progress), [pages])
  const next = pages.at(-1)?.register.next ?? null

  async function loadMore(): Promise<void> {
    if (next === null || more === 'loading') return
    const mine = generation.current
    setMore('loading')
    const result = await fetchRegister(asked, today, next)
    if (mine !== generation.current) return
    if (!result.ok) return setMore('failed')
    setMore('idle')
    setLoad((now) => (now.status === 'ready' ? { status: 'ready', pages: [...now.pages, { cursor: next, register: result.value }] } : now))
  }

  /** Asks again for the page a changed row is on (a change may take it out of the filters), or the first. */
  async function reloadPageOf(row: ActionRow): Promise<void> {
    const index = pages.findIndex((page) => page.register.actions.some((a) => a.workshopId === row.workshopId && a.cardId === row.cardId))
    if (index <= 0) return reload(asked, today)
    const mine = generation.current
    const result = await fetchRegister(asked, today, pages[index]!.cursor)
    if (mine !== generation.current || !result.ok) return
    setLoad((now) => (now.status === 'ready' ? { status: 'ready', pages: now.pages.map((page, i) => (i === index ? { ...page, register: result.value } : page)) } : now))
  }

  async function change(row: ActionRow, change: { status?: ActionStatus; dueDate?: string }): Promise<boolean> {
    const text = row.text || t('register.row.empty')
    setMessage({ tone: 'info', text: t('register.saving') })
    const result = await changeAction(row.workshopId, row.cardId, change)
    if (!result.ok) {
      const code = result.message
      const known = code && i18n.exists(`followup:register.refusals.${code}`)
      setMessage({ tone: 'error', text: result.status === 0 ? t('register.refusals.offline') : known ? t(`register.refusals.${code}`) : t('register.refusals.unknown', { status: result.status }) })
      return false
    }
    const said =
      change.status !== undefined
        ? tc(`action.statuses.${result.value.status}`)
        : result.value.dueDate
          ? `${t('register.row.due')} ${formatCalendarDate(result.value.dueDate, i18n.resolvedLanguage)}`
          : tc('action.dueNone')
    setMessage({ tone: 'info', text: t('register.saved', { text, change: said }) })
    await reloadPageOf(row)
    return true
  }

  return (
    <>
      <RegisterFilterForm filters={filters} onChange={setFilters} />
      <div className="register-bar">
        <div role="status" className="register-bar__status">
          {load.status === 'ready' && <p className="muted">{t('register.count', { count: rows.length })}</p>}
          {next !== null && <p className="muted">{t('register.moreToLoad')}</p>}
          {message && <p className={message.tone === 'error' ? 'notice notice--error' : 'notice'}>{message.text}</p>}
        </div>
        {rows.length > 0 && (
          <div className="register-bar__exports" role="group" aria-label={t('register.exports.heading')}>
            {(['csv', 'ical'] as const).map((kind) => (
              <button
                key={kind}
                type="button"
                className="button"
                onClick={() =>
                  void downloadRegister(kind, rows, {
                    readerLanguage: i18n.resolvedLanguage ?? 'nb',
                    fileName: t('register.exports.fileName'),
                    calendarName: t('register.exports.calendarName'),
                    today,
                  })
                }
              >
                {t(`register.exports.${kind}`)}
              </button>
            ))}
          </div>
        )}
      </div>
      {load.status === 'loading' && <p className="muted">{t('register.loading')}</p>}
      {load.status === 'failed' && (
        <div className="notice notice--error">
          <p>{load.httpStatus === 0 ? t('register.refusals.offline') : t('register.failed', { status: load.httpStatus })}</p>
          <button type="button" className="button" onClick={() => void reload(asked, today)}>
            {t('register.retry')}
          </button>
        </div>
      )}
      {load.status === 'ready' && rows.length === 0 && next === null && <p className="muted">{asked === noFilters ? t('register.empty') : t('register.noMatches')}</p>}
      {rows.length > 0 && (
        <ul className="register-list" aria-label={t('register.heading')}>
          {rows.map((row) => (
            <RegisterRow key={`${row.workshopId}/${row.cardId}`} row={row} today={today} onChange={change} />
          ))}
        </ul>
      )}
      {next !== null && (
        <div className="register-bar">
          {more === 'failed' && <p className="notice notice--error" role="alert">{t('register.moreFailed')}</p>}
          <button type="button" className="button" onClick={() => void loadMore()} disabled={more === 'loading'} data-testid="register-more">
            {more === 'loading' ? t('register.loadingMore') : t('register.loadMore')}
          </button>
        </div>
      )}
      {load.status === 'ready' && <ChallengeProgressList progress={progress} />}
      {load.status === 'ready' && <FollowUpSection rows={rows} />}
    </>
  )
}
