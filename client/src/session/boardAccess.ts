import type { Role } from '../../../shared/access'
import type { SessionRecord, TargetLane } from '../../../shared/schema/records/session'

/** Why this person may not do everything on a board: shown to them, so the missing tools make sense. */
export type EditLimit = 'observer' | 'locked' | 'private'

/**
 * What one person may do on one board, decided once (here) and read by every board view through
 * `BoardAccessContext`, so the canvas, the challenge board, the stakeholder map, the matrix and the
 * outlines never disagree about what to offer. It mirrors what the server refuses
 * (shared/facilitation/guard.ts); the server stays the authority.
 */
export interface BoardAccess {
  role: Role
  /** Change what is on the board: move, edit, tag, delete. */
  canEdit: boolean
  /** Put new items on it. Not while private writing runs there: new notes then go through the composer. */
  canCreate: boolean
  /** Board settings (the help text, the linked map): records only the facilitator may write. */
  canManage: boolean
  limit: EditLimit | null
  /** The lane of the private writing on this board ('' = the whole board); null when there is none for this person. */
  privateLane: TargetLane | null
}

/** Everything allowed: what a facilitator gets, and what a board rendered outside the workshop view (benchmarks) gets. */
export const fullAccess: BoardAccess = { role: 'facilitator', canEdit: true, canCreate: true, canManage: true, limit: null, privateLane: null }

const observerAccess: BoardAccess = { role: 'observer', canEdit: false, canCreate: false, canManage: false, limit: 'observer', privateLane: null }
const lockedAccess: BoardAccess = { role: 'participant', canEdit: false, canCreate: false, canManage: false, limit: 'locked', privateLane: null }
const participantAccess: BoardAccess = { role: 'participant', canEdit: true, canCreate: true, canManage: false, limit: null, privateLane: null }

/**
 * Observers change nothing; a locked board is read-only for participants; during private writing
 * participants keep editing what is there but add notes through the composer (the server holds
 * them until the reveal). The returned objects are shared constants where possible, so a context
 * value only changes when the answer does.
 */
export function boardAccess(role: Role, session: Pick<SessionRecord, 'lockedBoards' | 'phase'>, boardId: string | null): BoardAccess {
  if (role === 'facilitator') return fullAccess
  if (role === 'observer') return observerAccess
  if (boardId !== null && session.lockedBoards.includes(boardId)) return lockedAccess
  const phase = session.phase
  if (boardId !== null && phase.kind === 'private' && phase.boardId === boardId) {
    return { role: 'participant', canEdit: true, canCreate: false, canManage: false, limit: 'private', privateLane: phase.lane }
  }
  return participantAccess
}
