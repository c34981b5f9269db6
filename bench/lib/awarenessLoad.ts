import { awarenessMessage, wsFrame } from './frames'
import type { LoadSocket } from './LoadSocket'
import type { ServerKind } from './servers'

/** A canvas user as a load socket: its own awareness client id and clock. */
export interface AwarenessSender {
  socket: LoadSocket
  room: string
  clientId: number
  clock: number
}

/**
 * A cursor move as the app's presence (docs/schema.md): user, board, cursor. `m` numbers measured
 * messages (-1 for background ones); `sentAt` is the send time, embedded in the state itself.
 */
export function frameAwareness(kind: ServerKind, sender: AwarenessSender, m: number, sentAt: number): Buffer {
  sender.clock++
  const state = {
    user: { name: `Deltaker ${sender.clientId % 1000}`, color: '#3a7bd5' },
    boardId: 'bench-board',
    cursor: { boardId: 'bench-board', x: Math.round(Math.random() * 4000), y: Math.round(Math.random() * 3000) },
    m,
    sentAt,
  }
  return wsFrame(awarenessMessage(kind, sender.room, sender.clientId, sender.clock, state))
}
