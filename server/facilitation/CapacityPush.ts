import { capacityLevel, type CapacityLevel, type ServerMessage } from '../../shared/facilitation/commands'
import type { Room } from '../sync/Room'
import type { ControlMessages } from './ControlMessages'

type CapacityMessage = Extract<ServerMessage, { type: 'capacity' }>

export type CapacityRoom = Pick<Room, 'connections' | 'storedBytes' | 'maxStoredBytes'>

/**
 * Tells facilitators how full the workshop is against its size cap (server/limits/WorkshopSizeCap.ts),
 * so they see it coming: when they connect if it is past the warning level, and whenever the level
 * changes after a commit or a compaction (a few times in a workshop's life, not per update).
 */
export class CapacityPush {
  readonly #room: CapacityRoom
  readonly #control: ControlMessages
  #level: CapacityLevel

  constructor(room: CapacityRoom, control: ControlMessages) {
    this.#room = room
    this.#control = control
    this.#level = this.#current()?.level ?? 'ok'
  }

  /** What a facilitator is told on connecting; null while the workshop is well below its cap. */
  message(): CapacityMessage | null {
    const current = this.#current()
    return current && current.level !== 'ok' ? current : null
  }

  /** After the stored size changed: facilitators hear of a new level. */
  check(): void {
    const current = this.#current()
    if (!current || current.level === this.#level) return
    this.#level = current.level
    for (const connection of this.#room.connections) {
      if (connection.grant?.role === 'facilitator') this.#control.send(connection, current)
    }
  }

  #current(): CapacityMessage | null {
    const maxBytes = this.#room.maxStoredBytes
    if (maxBytes === null) return null
    const storedBytes = this.#room.storedBytes
    return { type: 'capacity', level: capacityLevel(storedBytes, maxBytes), storedBytes, maxBytes }
  }
}
