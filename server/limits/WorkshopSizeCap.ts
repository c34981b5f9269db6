import * as Y from 'yjs'
import type { Refusal } from '../../shared/facilitation/guard'
import type { AppliedUpdate, ClientUpdate, RoomExtension } from '../sync/RoomExtension'
import type { Room } from '../sync/Room'

/** What the cap needs of its room. */
export type CappedRoom = Pick<Room, 'doc' | 'storedBytes' | 'maxStoredBytes' | 'compact'>

/**
 * The workshop size cap (WORKSHOP_MAX_BYTES, server/limits/README.md) as a room extension, listed
 * before facilitation. Below the cap it costs one comparison per update, and the update that crosses
 * it is let in (a workshop ends at most one message, SYNC_MAX_MESSAGE_BYTES, over its cap), so the
 * facilitator is told it is full before anyone is refused. At the cap, an update that brings content the workshop lacks is refused before it is applied
 * (`workshopFull`: the sender keeps it and is told why); one that only deletes, or that the server
 * already has (a reconnect's sync step 2), passes, so a full workshop can still be tidied up. A
 * deletion in a full workshop compacts it, which is when deleted content stops taking room.
 */
export class WorkshopSizeCap implements RoomExtension {
  readonly name = 'workshop size cap'
  readonly #room: CappedRoom

  constructor(room: CappedRoom) {
    this.#room = room
  }

  beforeApply({ connection, update }: ClientUpdate): Refusal | null {
    const max = this.#room.maxStoredBytes
    if (max === null || this.#room.storedBytes < max) return null
    if (!bringsContent(this.#room.doc, update)) return null
    connection.noteLimit('workshop_full')
    return { reason: 'workshopFull', boardId: null }
  }

  afterApply({ transaction }: AppliedUpdate): void {
    const max = this.#room.maxStoredBytes
    if (max === null || this.#room.storedBytes < max || !onlyDeletes(transaction)) return
    this.#room.compact().catch(() => {
      // DurableLog logs a failed compaction; the cap stays where it was.
    })
  }
}

/** The update holds structs (content) beyond what `doc` has: it is not only deletions or an echo. */
export function bringsContent(doc: Y.Doc, update: Uint8Array): boolean {
  const { to } = Y.parseUpdateMeta(update)
  for (const [client, clock] of to) {
    if (clock > Y.getState(doc.store, client)) return true
  }
  return false
}

/** The transaction deleted something and added nothing. */
function onlyDeletes(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size === 0) return false
  for (const [client, clock] of transaction.afterState) {
    if (clock !== (transaction.beforeState.get(client) ?? 0)) return false
  }
  return true
}
