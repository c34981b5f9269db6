import { useCallback, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { castBlock, isVotable } from '../../../shared/facilitation/voting'
import type { ItemRecord } from '../../../shared/schema/schema'
import { useMine, useSession, useTally } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { boardVote, type BoardVote } from './boardVote'
import { commandErrorText } from '../ui/commandErrorText'
import { useResultsDismissed } from './dismissedResults'
import { sessionBus } from './sessionBus'
import { useRole } from './useRole'

export interface BoardVoting {
  /** The vote on this board (open, or closed with results not dismissed), else null. */
  view: BoardVote | null
  /** This person can give dots now: the vote is open here and they are not an observer. */
  canVote: boolean
  isEligible(item: ItemRecord | undefined): boolean
  /**
   * Why a dot on `itemId` would be refused now (no dots left, or the item is at its maximum), as
   * text to show beside a disabled "Give dot", or null while one can be given.
   */
  castBlocked(itemId: string): string | null
  cast(itemId: string): Promise<boolean>
  retract(itemId: string): Promise<boolean>
}

/**
 * The vote as one board sees it, with cast and retract. Subscribed once per board (the canvas hands
 * each note its two numbers), never once per note. Failures (limits, a closed vote, no
 * connection) are shown in the session strip; a dot given is announced to screen readers.
 */
export function useBoardVote(store: WorkshopStore, boardId: string): BoardVoting {
  const { t } = useTranslation('session')
  const session = useSession(store)
  const mine = useMine(store)
  const tally = useTally(store)
  const role = useRole(store)
  const computed = useMemo(() => boardVote(session.vote, boardId, mine.ballots, tally), [session.vote, boardId, mine.ballots, tally])
  const dismissed = useResultsDismissed(computed && !computed.open ? computed.vote.id : null)
  const view = computed && !computed.open && dismissed ? null : computed
  const canVote = view?.open === true && role !== 'observer'
  const vote = view?.vote ?? null

  const isEligible = useCallback((item: ItemRecord | undefined) => vote !== null && isVotable(item, vote), [vote])

  const castBlocked = useCallback(
    (itemId: string) => {
      if (!view?.open) return null
      const error = castBlock(view.vote, view.mine, itemId)
      return error && commandErrorText(t, error, { count: view.vote.maxPerItem })
    },
    [view, t],
  )

  const send = useCallback(
    async (itemId: string, cast: boolean): Promise<boolean> => {
      const bus = sessionBus(store)
      // A tap on a note at a limit is refused here with the reason; the server checks again.
      const blocked = cast ? castBlocked(itemId) : null
      if (blocked) {
        bus.toast(blocked)
        return false
      }
      const outcome = await store.control.send({ type: cast ? 'vote.cast' : 'vote.retract', itemId })
      const rules = store.getSession().vote
      if (!outcome.ok) {
        bus.toast(commandErrorText(t, outcome, { count: rules?.maxPerItem ?? 1 }))
        return false
      }
      const left = Math.max(0, (rules?.votesPerPerson ?? 0) - Object.values(outcome.result.counts).reduce((a, b) => a + b, 0))
      bus.announce(t(cast ? 'vote.castDone' : 'vote.retractDone', { count: left }))
      return true
    },
    [store, t, castBlocked],
  )
  const cast = useCallback((itemId: string) => send(itemId, true), [send])
  const retract = useCallback((itemId: string) => send(itemId, false), [send])

  return useMemo(() => ({ view, canVote, isEligible, castBlocked, cast, retract }), [view, canVote, isEligible, castBlocked, cast, retract])
}
