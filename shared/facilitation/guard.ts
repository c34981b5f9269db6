import type { Role } from '../access'
import type { SessionRecord } from '../schema/records/session'
import type { RefusalReason } from './commands'

/**
 * What one client update changed, as the server's guard reads it off the applied transaction
 * (server/facilitation/UpdateGuard.ts): which top-level parts it touched, and for each item the
 * board it was on before and is on after (null: did not exist / was deleted).
 */
export interface DocumentChange {
  meta: boolean
  boards: boolean
  session: boolean
  /** Something outside the four parts a workshop has: the app never writes there. */
  unknown: boolean
  items: readonly ItemChange[]
}

export interface ItemChange {
  id: string
  boardBefore: string | null
  boardAfter: string | null
}

/**
 * Why an update was refused, as the sender is told it (the control channel's `refused` message
 * carries these fields as they are, so a field added here reaches the client without more wiring).
 */
export interface Refusal {
  reason: RefusalReason
  /** The board the refusal is about, when there is one (a locked board, the private board). */
  boardId: string | null
  /** The record the refusal is about, when there is one (the first invalid record). */
  recordId?: string
  /** What is wrong, for people reading logs and for tools (a validator's message, in English). */
  detail?: string
}

/**
 * Whether a client may make this change, given its role and the session. Returns the first reason
 * to refuse, or null. The server undoes a refused update for its sender and tells them why.
 *
 * - Observers change nothing.
 * - The session (phase, timer, votes, locks, …) is written by the server alone; facilitators
 *   change it through commands.
 * - Nobody writes outside the workshop's four parts (`meta`, `boards`, `items`, `session`).
 * - Participants edit items but not the workshop's settings, or its boards (titles, order,
 *   templates), nothing on a locked board, and they cannot put new items on the board of a
 *   private writing phase (their notes go to the server, unseen, until the reveal).
 * - With `ownItemsOnly`, a participant changes only items `isOwn` says they added (adding is open).
 */
export function judgeChange(role: Role, change: DocumentChange, session: SessionRecord, isOwn: (itemId: string) => boolean = () => true): Refusal | null {
  if (role === 'observer') return { reason: 'readOnly', boardId: null }
  if (change.session) return { reason: 'facilitatorOnly', boardId: null }
  // Nobody writes outside the workshop's parts (the server's record validation refuses it first, naming the type).
  if (change.unknown) return { reason: 'invalid', boardId: null }
  if (role === 'facilitator') return null
  if (change.meta || change.boards) return { reason: 'facilitatorOnly', boardId: null }
  const locked = new Set(session.lockedBoards)
  const privateBoard = session.phase.kind === 'private' ? session.phase.boardId : null
  for (const item of change.items) {
    for (const boardId of [item.boardBefore, item.boardAfter]) {
      if (boardId !== null && locked.has(boardId)) return { reason: 'locked', boardId }
    }
    if (privateBoard !== null && item.boardBefore === null && item.boardAfter === privateBoard) {
      return { reason: 'privatePhase', boardId: privateBoard }
    }
    if (session.ownItemsOnly && item.boardBefore !== null && !isOwn(item.id)) return { reason: 'notYours', boardId: item.boardBefore }
  }
  return null
}
