import type { CloseCode } from '../../shared/protocol'
import type { Logger } from '../log'
import type { ServerMetrics } from '../metrics'
import type { Persistence } from '../persistence/Persistence'
import type { RoomChannel } from '../scaleout/RoomChannel'
import type { Room } from './Room'

/** What a room is built with (`Room.load`): its storage, channel, limits and the registry's callbacks. */
export interface RoomOptions {
  workshopId: string
  persistence: Persistence
  log: Logger
  /** Write a snapshot and trim the log after this many logged updates. */
  compactEvery: number
  /** Called when the last connection left, so the registry can schedule an unload. */
  onIdle: (room: Room) => void
  /** Called when storage failed and the room must be dropped without saving. */
  onBroken: (room: Room) => void
  /** Another instance is deleting the workshop (server/scaleout): the room must close and write nothing more. */
  onClosedElsewhere?: (room: Room, code: CloseCode, reason: string) => void
  /**
   * How long a failing write is retried (with backoff) before the room gives up and closes its
   * sockets with 4500. Nothing is broadcast meanwhile. 0: give up at the first failure (SQLite,
   * whose errors are not transient). PostgreSQL restarts are ridden out with e.g. 30 000.
   */
  writeRetryMs?: number
  /** The link to other instances serving this workshop (Redis); requires SharedPersistence. */
  channel?: RoomChannel
  metrics?: ServerMetrics
  /**
   * The workshop size cap (WORKSHOP_MAX_BYTES): `isFull` once the stored size reaches it. The room
   * only measures; the limits extension refuses growth (server/limits/WorkshopLimits.ts).
   */
  maxStoredBytes?: number
  /**
   * The stored snapshot is the whole document at this server's schema: its sync reply, for joiners
   * waiting on the load, before the document is built from it (a 10,000-note workshop takes
   * hundreds of ms to decode). The load goes on once the returned promise settles (the replies are
   * written), so the decode does not hold them in the socket buffers.
   */
  onStoredReply?: (reply: Uint8Array) => Promise<void>
}
