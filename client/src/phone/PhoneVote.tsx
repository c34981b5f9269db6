import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OwnBallots } from '../../../shared/facilitation/commands'
import { castBlock, dotsUsed, planCast, rankResults } from '../../../shared/facilitation/voting'
import type { VoteState } from '../../../shared/schema/records/session'
import { useMine, useTally } from '../store/hooks'
import type { PhoneStore } from '../store/PhoneStore'
import { commandErrorText } from '../ui/commandErrorText'
import { hasText, useBoardNotes } from './useBoardNotes'

interface PhoneVoteProps {
  store: PhoneStore
  vote: VoteState
  boardTitle: string
  readOnly: boolean
}

/**
 * Dot voting with a thumb: every note with a large − and +, the person's own dots on it, how many
 * are left, and (unless the facilitator hid them) everyone's dots so far. A "+" at a limit (no dots
 * left, or the note at its maximum) is disabled before the tap, with the reason beside it; the
 * server checks again.
 */
export function PhoneVote({ store, vote, boardTitle, readOnly }: PhoneVoteProps) {
  const { t } = useTranslation('phone')
  const headingId = useId()
  const noneLeftId = useId()
  const all = useBoardNotes(store, vote.boardId, vote.lane)
  // Writing order, oldest first: a note someone adds meanwhile lands at the end, not under a thumb.
  const items = useMemo(() => all.filter(hasText), [all])
  const mine = useMine(store)
  const tally = useTally(store)
  // The reply to a dot carries the new ballot at once; `mine` from the server confirms it.
  const [replied, setReplied] = useState<OwnBallots | null>(null)
  useEffect(() => setReplied(null), [mine.ballots])
  const ballots = replied ?? mine.ballots
  const counts = ballots?.voteId === vote.id ? ballots.counts : emptyCounts
  const left = vote.votesPerPerson - dotsUsed(counts)
  const liveCounts = !vote.hidden && tally?.voteId === vote.id ? tally.counts : null
  const [refusal, setRefusal] = useState<{ itemId: string; text: string } | null>(null)
  const inFlight = useRef(false)

  async function change(itemId: string, add: boolean) {
    if (inFlight.current || readOnly) return
    if (add) {
      const plan = planCast(vote, counts, itemId)
      if (!plan.ok) {
        setRefusal({ itemId, text: commandErrorText(t, plan.error, { max: vote.maxPerItem }) })
        return
      }
    } else if (!counts[itemId]) {
      return
    }
    inFlight.current = true
    setRefusal(null)
    const reply = await store.control.send({ type: add ? 'vote.cast' : 'vote.retract', itemId })
    inFlight.current = false
    if (reply.ok) setReplied(reply.result)
    else setRefusal({ itemId, text: commandErrorText(t, reply.error, { max: vote.maxPerItem }) })
  }

  return (
    <section className="phone-card phone-vote" aria-labelledby={headingId} data-testid="phone-vote">
      <div className="phone-vote__summary">
        <h2 id={headingId} className="phone-card__heading">
          {t('vote.heading')}
        </h2>
        <p className="phone-card__sub">{t('vote.where', { board: boardTitle })}</p>
        {!readOnly && (
          <p className="phone-vote__left" role="status" data-testid="phone-vote-left">
            {t('vote.left', { left, count: vote.votesPerPerson })}
          </p>
        )}
        {!readOnly && left <= 0 && (
          <p id={noneLeftId} className="phone-vote__blocked" data-testid="phone-vote-none-left">
            {commandErrorText(t, 'voteLimit')}
          </p>
        )}
        <p className="phone-vote__rules">
          {t('vote.rules', { count: vote.maxPerItem })} {vote.hidden ? t('vote.hidden') : ''}
        </p>
        <div role="alert" data-testid="phone-vote-refusal">
          {refusal && <p className="phone-note phone-note--error">{refusal.text}</p>}
        </div>
      </div>
      {items.length === 0 ? (
        <p className="phone-empty">{t('vote.empty')}</p>
      ) : (
        <ul className="phone-list">
          {items.map((item) => {
            const own = counts[item.id] ?? 0
            const label = excerpt(item.text)
            const block = castBlock(vote, counts, item.id)
            const itemFullId = `${noneLeftId}-${item.id}`
            return (
              <li key={item.id} className={`phone-vote-item${own > 0 ? ' phone-vote-item--chosen' : ''}`} data-testid="phone-vote-item">
                <p className="phone-vote-item__text">{item.text}</p>
                <div className="phone-vote-item__row">
                  <span className="phone-vote-item__dots">
                    <span aria-hidden="true">
                      {'●'.repeat(own)}
                      {'○'.repeat(Math.max(0, vote.maxPerItem - own))}
                    </span>
                    <span className="phone-vote-item__own">{t('vote.yours', { count: own })}</span>
                  </span>
                  {!readOnly && (
                    <span className="phone-vote-item__buttons">
                      <button
                        type="button"
                        className="phone-vote-item__button"
                        aria-label={t('vote.remove', { text: label })}
                        aria-disabled={own === 0 || undefined}
                        onClick={() => void change(item.id, false)}
                        data-testid="phone-vote-minus"
                      >
                        −
                      </button>
                      <button
                        type="button"
                        className="phone-vote-item__button phone-vote-item__button--add"
                        aria-label={t('vote.add', { text: label })}
                        disabled={block !== null}
                        aria-describedby={block === 'voteLimit' ? noneLeftId : block === 'itemLimit' ? itemFullId : undefined}
                        onClick={() => void change(item.id, true)}
                        data-testid="phone-vote-plus"
                      >
                        +
                      </button>
                    </span>
                  )}
                </div>
                {block === 'itemLimit' && (
                  <p id={itemFullId} className="phone-vote-item__blocked" data-testid="phone-vote-item-full">
                    {commandErrorText(t, 'itemLimit', { max: vote.maxPerItem })}
                  </p>
                )}
                {liveCounts && <p className="phone-vote-item__total">{t('vote.total', { count: liveCounts[item.id] ?? 0 })}</p>}
                {refusal?.itemId === item.id && (
                  <p className="phone-vote-item__refusal" aria-hidden="true">
                    {refusal.text}
                  </p>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {tally?.voteId === vote.id && <p className="phone-card__sub">{t('vote.voters', { count: tally.voters })}</p>}
    </section>
  )
}

/** The closed vote's ranking, most dots first, with the notes' texts. */
export function PhoneResults({ store, vote, boardTitle }: { store: PhoneStore; vote: VoteState; boardTitle: string }) {
  const { t } = useTranslation('phone')
  const headingId = useId()
  const notes = useBoardNotes(store, vote.boardId, vote.lane)
  const byId = useMemo(() => new Map(notes.map((n, index) => [n.id, { ...n, index }])), [notes])
  const ranking = useMemo(() => rankResults(vote.results, (id) => byId.get(id)?.index ?? Number.MAX_SAFE_INTEGER), [vote.results, byId])
  const top = ranking[0]?.count ?? 0
  return (
    <section className="phone-card phone-results" aria-labelledby={headingId} data-testid="phone-results">
      <h2 id={headingId} className="phone-card__heading">
        {t('results.heading')}
      </h2>
      <p className="phone-card__sub">
        {t('results.where', { board: boardTitle })} {t('results.voters', { count: vote.voters })}
      </p>
      {ranking.length === 0 ? (
        <p className="phone-empty">{t('results.none')}</p>
      ) : (
        <ol className="phone-list phone-ranking">
          {ranking.map((entry) => {
            const text = byId.get(entry.itemId)?.text.trim()
            return (
              <li key={entry.itemId} className="phone-rank" data-testid="phone-rank">
                <span className="phone-rank__place" aria-label={t('results.place', { rank: entry.rank })}>
                  {entry.rank}.
                </span>
                <span className="phone-rank__body">
                  <span className={text ? 'phone-rank__text' : 'phone-rank__text phone-rank__text--gone'}>{text || t('results.gone')}</span>
                  <span className="phone-rank__bar" aria-hidden="true">
                    <span style={{ width: `${top > 0 ? (entry.count / top) * 100 : 0}%` }} />
                  </span>
                  <span className="phone-rank__count">{t('results.dots', { count: entry.count })}</span>
                </span>
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}

const emptyCounts: Readonly<Record<string, number>> = Object.freeze({})

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat
}
