import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../i18n/format'
import { navigate } from '../lib/navigation'
import { searchBank, type SearchResult } from './followupApi'
import { FollowupShell } from './FollowupShell'

type Search = { status: 'idle' } | { status: 'searching' } | { status: 'done'; query: string; results: SearchResult[] } | { status: 'failed'; text: string }

/**
 * `/search?q=`: the knowledge bank. Full-text search across the workshops the signed-in person may
 * see (the server decides which), results grouped by workshop, each opening the item on its board.
 * The query lives in the address, so a search can be bookmarked and the back button returns to it.
 */
export function SearchPage({ query }: { query: string }) {
  const { t } = useTranslation('followup')
  return (
    <FollowupShell current="search" title={t('search.documentTitle')} heading={t('search.heading')} intro={t('search.intro')}>
      {() => <KnowledgeBank query={query} />}
    </FollowupShell>
  )
}

function KnowledgeBank({ query }: { query: string }) {
  const { t, i18n } = useTranslation('followup')
  const inputId = useId()
  const hintId = useId()
  const [draft, setDraft] = useState(query)
  const [search, setSearch] = useState<Search>({ status: 'idle' })

  useEffect(() => setDraft(query), [query])
  useEffect(() => {
    if (query.trim() === '') return setSearch({ status: 'idle' })
    let cancelled = false
    setSearch({ status: 'searching' })
    void searchBank(query).then((result) => {
      if (cancelled) return
      if (result.ok) return setSearch({ status: 'done', query, results: result.value })
      const code = result.message
      const text =
        result.status === 0
          ? t('search.refusals.offline')
          : code && i18n.exists(`followup:search.refusals.${code}`)
            ? t(`search.refusals.${code}`)
            : t('search.refusals.unknown', { status: result.status })
      setSearch({ status: 'failed', text })
    })
    return () => {
      cancelled = true
    }
  }, [query, t, i18n])

  const groups = useMemo(() => (search.status === 'done' ? groupByWorkshop(search.results) : []), [search])

  return (
    <>
      <form
        role="search"
        className="bank-form"
        onSubmit={(e) => {
          e.preventDefault()
          navigate({ page: 'search', query: draft.trim().slice(0, 200) })
        }}
      >
        <label className="field bank-form__field" htmlFor={inputId}>
          <span className="field__label">{t('search.label')}</span>
          <input id={inputId} type="search" value={draft} maxLength={200} autoComplete="off" aria-describedby={hintId} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary">
          {t('search.button')}
        </button>
        <p id={hintId} className="muted bank-form__hint">
          {t('search.hint')}
        </p>
      </form>
      <div role="status" className="bank-status">
        {search.status === 'idle' && <p className="muted">{t('search.prompt')}</p>}
        {search.status === 'searching' && <p className="muted">{t('search.searching')}</p>}
        {search.status === 'failed' && <p className="notice notice--error">{search.text}</p>}
        {search.status === 'done' && search.results.length === 0 && <p className="notice">{t('search.noResults', { query: search.query })}</p>}
        {search.status === 'done' && search.results.length > 0 && <p className="muted">{t('search.count', { count: search.results.length })}</p>}
      </div>
      {groups.map((group) => (
        <section key={group.workshopId} className="bank-group" aria-labelledby={`bank-${group.workshopId}`} data-testid="search-group">
          <h2 id={`bank-${group.workshopId}`} className="bank-group__heading">
            <a href={`/w/${encodeURIComponent(group.workshopId)}`}>{group.title || t('search.untitled')}</a>
            {group.createdAt !== null && <span className="bank-group__date">{t('search.created', { date: formatDateTime(group.createdAt, i18n.resolvedLanguage, { dateStyle: 'long' }) })}</span>}
          </h2>
          <ul className="bank-results">
            {group.results.map((result) => (
              <li key={`${result.boardId}/${result.recordId}`} className="bank-result" data-testid="search-result">
                <span className={`bank-result__kind bank-result__kind--${result.kind}`}>{t(`search.kinds.${result.kind}`)}</span>
                <a className="bank-result__title" href={result.href} aria-label={t('search.open', { title: result.title || t(`search.kinds.${result.kind}`) })}>
                  {result.title || t(`search.kinds.${result.kind}`)}
                </a>
                {result.snippet && result.snippet !== result.title && <p className="bank-result__snippet">{result.snippet}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

interface WorkshopGroup {
  workshopId: string
  title: string
  createdAt: number | null
  results: SearchResult[]
}

/** Results by workshop, the workshops in the order of their best result (the server ranks). */
export function groupByWorkshop(results: readonly SearchResult[]): WorkshopGroup[] {
  const groups = new Map<string, WorkshopGroup>()
  for (const result of results) {
    let group = groups.get(result.workshopId)
    if (!group) {
      group = { workshopId: result.workshopId, title: result.workshopTitle, createdAt: result.workshopCreatedAt, results: [] }
      groups.set(result.workshopId, group)
    }
    group.results.push(result)
  }
  return [...groups.values()]
}
