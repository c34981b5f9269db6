import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardRecord } from '../../../shared/schema/records/board'
import type { VoteState } from '../../../shared/schema/records/session'
import { useItemIds, useTally } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { rankedResults } from './boardVote'
import { dismissResults } from './dismissedResults'
import { sessionIcons } from './sessionIcons'
import { useBoardVote } from './useBoardVote'

/** Results listed before "Vis alle": the top of a ranking is what a room talks about. */
const RESULTS_SHOWN = 5

interface VoteNoticeProps {
  store: WorkshopStore
  board: BoardRecord
  role: 'facilitator' | 'participant' | 'observer'
}

/** The vote on the board shown: dots left and how to give them while open, the ranking once closed. */
export function VoteNotice({ store, board, role }: VoteNoticeProps) {
  const voting = useBoardVote(store, board.id)
  const view = voting.view
  if (!view) return null
  if (!view.open) return <VoteResults store={store} vote={view.vote} />
  return <OpenVote store={store} board={board} vote={view.vote} left={view.left} role={role} />
}

function OpenVote({ store, board, vote, left, role }: { store: WorkshopStore; board: BoardRecord; vote: VoteState; left: number; role: VoteNoticeProps['role'] }) {
  const { t } = useTranslation('session')
  const { t: tc } = useTranslation('challenges')
  const tally = useTally(store)
  const counted = tally?.voteId === vote.id ? tally : null
  const lane = board.template === 'challengeBoard' && vote.lane !== '' ? tc(`lanes.${vote.lane}.name`) : null
  const how = board.template === 'challengeBoard' ? (lane ? t('vote.howCardsLane', { lane }) : t('vote.howCards')) : role === 'facilitator' ? t('vote.howNotesFacilitator') : t('vote.howNotes')
  const progress = counted ? t('vote.progress', { count: counted.dots, voters: t('vote.voters', { count: counted.voters }) }) : null
  // The facilitator (on the projector) leads with how the room is doing; participants with their own dots.
  const title =
    role === 'participant' ? (
      <strong data-testid="vote-left">{t('vote.left', { left, count: vote.votesPerPerson })}</strong>
    ) : (
      <strong>{progress ? t('vote.titleProgress', { progress }) : t('vote.running')}</strong>
    )
  return (
    <div className="session-notice session-notice--vote" data-testid="vote-notice">
      <span className="session-notice__icon">{sessionIcons.dots}</span>
      <p className="session-notice__text">
        {title}{' '}
        {role !== 'observer' && (
          <>
            {how} {vote.maxPerItem < vote.votesPerPerson ? t('vote.maxPerItem', { count: vote.maxPerItem }) : ''}
          </>
        )}{' '}
        <span className="session-notice__detail">
          {role === 'participant' ? progress : role === 'facilitator' ? t('vote.yours', { count: left }) : null}
          {vote.hidden ? ` ${t('vote.hidden')}` : ''}
        </span>
      </p>
    </div>
  )
}

function VoteResults({ store, vote }: { store: WorkshopStore; vote: VoteState }) {
  const { t } = useTranslation('session')
  const [all, setAll] = useState(false)
  // Texts of the items voted on; re-read when the board's items change (an item deleted since shows as such).
  const ids = useItemIds(store, vote.boardId)
  const ranked = useMemo(() => {
    void ids
    return rankedResults(
      vote.results,
      (id) => {
        const item = store.getItem(id)
        return item && 'text' in item ? item.text.trim() || t('results.noText') : null
      },
      (id) => store.getItem(id)?.createdAt ?? 0,
    )
  }, [vote.results, store, ids, t])
  const dots = ranked.reduce((sum, entry) => sum + entry.count, 0)
  const shown = all ? ranked : ranked.slice(0, RESULTS_SHOWN)
  return (
    <section className="session-notice session-notice--results" aria-labelledby={`results-${vote.id}`} data-testid="vote-results">
      <span className="session-notice__icon">{sessionIcons.dots}</span>
      <div className="session-notice__body">
        <h2 className="session-notice__heading" id={`results-${vote.id}`}>
          {t('results.title')} <span className="session-notice__detail">{t('vote.progress', { count: dots, voters: t('vote.voters', { count: vote.voters }) })}</span>
        </h2>
        {ranked.length === 0 ? (
          <p className="session-notice__text">{t('results.none')}</p>
        ) : (
          <ol className="vote-results">
            {shown.map((entry) => (
              <li key={entry.itemId} className="vote-results__item" data-testid="vote-result">
                <span className="vote-results__rank" aria-hidden="true">
                  {entry.rank}.
                </span>
                <span className="vote-results__text">{entry.text ?? t('results.deleted')}</span>
                <span className="vote-results__count">{t('results.dots', { count: entry.count })}</span>
                <span className="visually-hidden">{t('results.rank', { rank: entry.rank })}</span>
              </li>
            ))}
          </ol>
        )}
        {ranked.length > RESULTS_SHOWN && (
          <button type="button" className="button button--quiet session-notice__more" aria-expanded={all} onClick={() => setAll(!all)}>
            {all ? t('results.fewer') : t('results.all', { count: ranked.length })}
          </button>
        )}
      </div>
      <button type="button" className="session-notice__close" aria-label={t('results.close')} title={t('results.close')} onClick={() => dismissResults(vote.id)} data-testid="results-close">
        {sessionIcons.close}
      </button>
    </section>
  )
}
