import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { useSession } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { boardAccess, fullAccess, type BoardAccess } from './boardAccess'
import { useRole } from './useRole'

/**
 * What the person may do on the board shown (boardAccess.ts). `BoardView` provides it once per
 * board; every editing control below reads it instead of checking roles and locks itself.
 * Without a provider (a board rendered on its own, as the canvas benchmark does) everything is allowed.
 */
const BoardAccessContext = createContext<BoardAccess>(fullAccess)

export function BoardAccessProvider({ store, boardId, children }: { store: WorkshopStore; boardId: string; children: ReactNode }) {
  const role = useRole(store)
  const session = useSession(store)
  const computed = boardAccess(role, session, boardId)
  // Private writing gives a fresh object per session change; keep one per distinct answer.
  const { canEdit, canCreate, canManage, limit, privateLane } = computed
  const access = useMemo<BoardAccess>(
    () => ({ role, canEdit, canCreate, canManage, limit, privateLane }),
    [role, canEdit, canCreate, canManage, limit, privateLane],
  )
  return <BoardAccessContext.Provider value={access}>{children}</BoardAccessContext.Provider>
}

export function useBoardAccess(): BoardAccess {
  return useContext(BoardAccessContext)
}
