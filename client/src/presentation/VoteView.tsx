import type { CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import type { VoteState } from '../../../shared/schema/records/session'
import { useBoardItems } from '../facilitation/useBoardItems'
import { voteRanking } from '../facilitation/voteRanking'
import { formatNumber } from '../i18n/format'
import { useSession, useTally } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'

/** Bars on the projector: the top of a ranking is what a room talks about; the rest are counted. */
const BARS = 8

/**
 * The vote: while open, how many have voted and (unless hidden) the live count as bars; once
 * closed, the ranking as bars that grow from nothing (at once with reduced motion). The ranking is
 * the facilitator panel's (`voteRanking`), so both screens agree on every tie.
 */
export function VoteView({ store }: { store: WorkshopStore }) {
  const { t } = useTranslation('presentation')
  const { vote } = useSession(store)
  const tally = useTally(store)
  if (!vote) {
    return (
      <p className="pres-empty" data-testid="presentation-no-vote">
        {t('vote.none')}
      </p>
    )
  }
  const live = vote.status === 'open' && tally?.voteId === vote.id ? tally : null
  const voters = vote.status === 'open' ? (live?.voters ?? 0) : vote.voters
  const dots = vote.status === 'open' ? (live?.dots ?? 0) : Object.values(vote.results).reduce((a, b) => a + b, 0)
  return (
    <div className="pres-vote" data-testid={vote.status === 'open' ? 'presentation-vote-open' : 'presentation-results'}>
      <p className="pres-vote__status">
        <strong>{vote.status === 'open' ? t('vote.open') : t('vote.closed')}</strong>{' '}
        <span data-testid="presentation-vote-progress">{t('vote.progress', { voters: t('vote.voters', { count: voters }), dots: t('vote.dots', { count: dots }) })}</span>
      </p>
      {vote.status === 'open' && vote.hidden ? (
        <p className="pres-empty">{t('vote.hidden')}</p>
      ) : (
        <Bars store={store} vote={vote} counts={vote.status === 'open' ? (live?.counts ?? {}) : vote.results} />
      )}
    </div>
  )
}

function Bars({ store, vote, counts }: { store: WorkshopStore; vote: VoteState; counts: Readonly<Record<string, number>> }) {
  const { t } = useTranslation('presentation')
  const items = useBoardItems(store, vote.boardId)
  const ranking = voteRanking(counts, items)
  if (ranking.length === 0) return <p className="pres-empty">{vote.status === 'open' ? t('vote.noDotsYet') : t('vote.noDots')}</p>
  const top = ranking[0]!.count
  const shown = ranking.slice(0, BARS)
  return (
    <>
      {/* A few bars get larger type and thicker bars, so a short ranking fills the screen too. */}
      <ol className="pres-bars" data-testid="presentation-bars" style={{ '--bar-scale': shown.length <= 3 ? 1.6 : shown.length <= 5 ? 1.3 : 1 } as CSSProperties}>
        {shown.map((entry) => (
          <li key={entry.itemId} className="pres-bar" data-testid="presentation-bar">
            <span className="pres-bar__rank" aria-hidden="true">
              {formatNumber(entry.rank)}
            </span>
            <span className="pres-bar__body">
              <span className="pres-bar__text">{entry.text === null ? t('vote.deleted') : entry.text.trim() || t('notes.empty')}</span>
              <span className="pres-bar__track" aria-hidden="true">
                <span className="pres-bar__fill" style={{ transform: `scaleX(${top > 0 ? entry.count / top : 0})` }} />
              </span>
            </span>
            <span className="pres-bar__count">
              <span aria-hidden="true">{formatNumber(entry.count)}</span>
              <span className="visually-hidden">
                {t('vote.rank', { rank: entry.rank })}, {t('vote.dots', { count: entry.count })}
              </span>
            </span>
          </li>
        ))}
      </ol>
      {ranking.length > shown.length && <p className="pres-vote__more">{t('vote.more', { count: ranking.length - shown.length })}</p>}
    </>
  )
}
