import { nanoid } from 'nanoid'
import type { OwnBallots } from '../../../shared/facilitation/commands'
import { isVotable, planCast, planRetract, tallyBallots } from '../../../shared/facilitation/voting'
import { closedVoteOf, VOTES_KEPT_MAX } from '../../../shared/schema/records/session'
import type { FacilitatedWorkshop } from '../FacilitatedWorkshop'
import { CommandFailure, type CommandHandlers } from './CommandContext'

/**
 * Dot voting. Each person's dots are kept in the held notes (nobody else sees whose they are); the
 * live tally is pushed by TallyPush; closing writes the results into the workshop and forgets the ballots.
 */
export const voteCommands: CommandHandlers<'vote.open' | 'vote.close' | 'vote.dismiss' | 'vote.cast' | 'vote.retract'> = {
  'vote.open': (command, { now, workshop }) => {
    if (workshop.state.vote?.status === 'open') throw new CommandFailure('invalid', 'Close the current vote first')
    if (command.maxPerItem > command.votesPerPerson) throw new CommandFailure('invalid', 'maxPerItem: must not exceed votesPerPerson')
    if (workshop.state.votes.length >= VOTES_KEPT_MAX) throw new CommandFailure('invalid', `This workshop keeps at most ${VOTES_KEPT_MAX} votes`)
    workshop.noteBoard(command.boardId)
    const { id: _id, type: _type, ...settings } = command
    return workshop.writeState({
      vote: { id: nanoid(), ...settings, status: 'open', openedAt: now, closedAt: 0, results: {}, voters: 0 },
    })
  },

  'vote.close': async (_command, { now, workshop }) => {
    const vote = workshop.state.vote
    if (!vote || vote.status !== 'open') throw new CommandFailure('noVote', 'There is no open vote')
    const tally = tallyBallots(workshop.held.ballotsOf(vote.id))
    const closed = { ...vote, status: 'closed' as const, closedAt: now, results: tally.counts, voters: tally.voters }
    const items = workshop.items()
    const eligible = items.filter((item) => isVotable(item, vote)).length
    const textOf = (itemId: string) => {
      const item = workshop.item(itemId)
      return item && 'text' in item ? item.text : ''
    }
    const boardTitle = workshop.boards().find((board) => board.id === vote.boardId)?.title ?? ''
    const kept = closedVoteOf(closed, boardTitle, textOf, eligible)
    // The closed vote and its kept copy in one write: the minutes never miss a vote that closed.
    await workshop.writeState({ vote: closed, votes: [...workshop.state.votes, kept] })
    // The results are in the workshop now; who gave which dot is forgotten.
    workshop.held.removeBallots(vote.id, workshop.origin)
    await workshop.flushHeld()
    return undefined
  },

  'vote.dismiss': async (_command, { workshop }) => {
    const vote = workshop.state.vote
    if (vote?.status === 'open') workshop.held.removeBallots(vote.id, workshop.origin)
    await workshop.writeState({ vote: null })
    await workshop.flushHeld()
    return undefined
  },

  'vote.cast': (command, { grant, workshop }) => vote(workshop, grant.participantId, command.itemId, true),
  'vote.retract': (command, { grant, workshop }) => vote(workshop, grant.participantId, command.itemId, false),
}

async function vote(workshop: FacilitatedWorkshop, voterId: string, itemId: string, cast: boolean): Promise<OwnBallots> {
  const open = workshop.state.vote
  if (!open) throw new CommandFailure('noVote', 'There is no vote')
  if (open.status !== 'open') throw new CommandFailure('voteClosed', 'The vote is closed')
  const counts = workshop.held.ballot(open.id, voterId)
  let next: Record<string, number>
  if (cast) {
    if (!isVotable(workshop.item(itemId), open)) throw new CommandFailure('notEligible', 'That item is not part of this vote')
    const planned = planCast(open, counts, itemId)
    if (!planned.ok) {
      throw new CommandFailure(
        planned.error,
        planned.error === 'voteLimit' ? `You have used all ${open.votesPerPerson} dots` : `At most ${open.maxPerItem} dots on one item`,
      )
    }
    next = planned.counts
  } else {
    next = planRetract(counts, itemId)
  }
  workshop.held.setBallot(open.id, voterId, next, workshop.origin)
  await workshop.flushHeld()
  return { voteId: open.id, counts: next }
}
