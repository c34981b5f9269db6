import type { Role } from '../../../shared/access'
import { useIdentity, useSession } from '../store/hooks'
import type { WorkshopConnection } from '../store/WorkshopConnection'
import { boardAccess } from './boardAccess'

/**
 * This browser's role, as the server said (or the stored link said, until it does). Unknown means
 * participant: the UI never offers more than the server would allow.
 */
export function useRole(store: WorkshopConnection): Role {
  return useIdentity(store)?.role ?? 'participant'
}

/** Whether this person may change what is on a board: facilitators always, participants unless it is locked. */
export function useCanEdit(store: WorkshopConnection, boardId: string | null): boolean {
  const role = useRole(store)
  const session = useSession(store)
  return boardAccess(role, session, boardId).canEdit
}
