import type { ServerMessage } from '../../shared/facilitation/commands'
import { tallyBallots } from '../../shared/facilitation/voting'
import type { ControlMessages } from './ControlMessages'
import type { FacilitatedRoom, FacilitatedWorkshop } from './FacilitatedWorkshop'

/** Live tallies go out at most this often: a room of 300 voting at once must not get 300 tallies a second. */
const TALLY_EVERY_MS = 250

/** The open vote's tally, pushed to everyone: dots per item (empty counts while the vote is hidden), voters and dots so far. */
export class TallyPush {
  readonly #room: FacilitatedRoom
  readonly #workshop: FacilitatedWorkshop
  readonly #control: ControlMessages
  #timer: NodeJS.Timeout | null = null
  #lastAt = 0
  #stopped = false

  constructor(room: FacilitatedRoom, workshop: FacilitatedWorkshop, control: ControlMessages) {
    this.#room = room
    this.#workshop = workshop
    this.#control = control
  }

  /** The tally now, or null when no vote is open. */
  message(): ServerMessage | null {
    const vote = this.#workshop.state.vote
    if (!vote || vote.status !== 'open') return null
    const tally = tallyBallots(this.#workshop.held.ballotsOf(vote.id))
    return { type: 'tally', voteId: vote.id, counts: vote.hidden ? {} : tally.counts, voters: tally.voters, dots: tally.dots }
  }

  /** Pushes the tally soon: `now` (the vote itself changed), else at most every TALLY_EVERY_MS. */
  schedule(now: boolean): void {
    if (this.#stopped) return
    if (this.#timer) {
      if (!now) return
      clearTimeout(this.#timer)
    }
    const wait = now ? 0 : Math.max(0, this.#lastAt + TALLY_EVERY_MS - Date.now())
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.#lastAt = Date.now()
      const tally = this.message()
      if (!tally) return
      for (const connection of this.#room.connections) this.#control.send(connection, tally)
    }, wait)
  }

  stop(): void {
    this.#stopped = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }
}
