import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import type { RefusalReason, RefusedRecord, ServerMessage } from '../../shared/facilitation/commands'
import type { Refusal } from '../../shared/facilitation/guard'
import { messageAuth, messageControl } from '../../shared/protocol'
import type { Room } from '../sync/Room'
import type { SyncConnection } from '../sync/SyncConnection'

const refusalText: Record<RefusalReason, string> = {
  readOnly: 'You are an observer: your changes are not saved',
  facilitatorOnly: 'Only the facilitator can change this',
  locked: 'This board is locked by the facilitator',
  privatePhase: 'Notes on this board are private until the facilitator reveals them',
  notYours: 'In this session you can only change what you added yourself',
  invalid: 'This change would leave something in the workshop that is not valid',
  authorship: 'This change was written under a connection id that belongs to someone else',
  outOfOrder: 'This change builds on something the server does not have yet; send what you have again',
  workshopFull: 'The workshop has reached its size limit; delete something to make room',
}

/**
 * The sending side of the control channel: who speaks it (clients that connect with `?control=1`;
 * the app does, a stock y-websocket client does not) and what each is told.
 */
export class ControlMessages {
  readonly #room: Pick<Room, 'sendMessage'>
  readonly #speaking = new WeakSet<SyncConnection>()

  constructor(room: Pick<Room, 'sendMessage'>) {
    this.#room = room
  }

  /** Reads from the address the client connected with whether it speaks the control channel. */
  noteConnection(connection: SyncConnection): void {
    if (connection.params.get('control') === '1') this.#speaking.add(connection)
  }

  speaks(connection: SyncConnection): boolean {
    return this.#speaking.has(connection)
  }

  /** Sends a control message to a client that speaks the channel; others get nothing. */
  send(connection: SyncConnection, message: ServerMessage): void {
    if (!this.#speaking.has(connection)) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageControl)
    encoding.writeVarString(encoder, JSON.stringify(message))
    this.#room.sendMessage(connection, encoding.toUint8Array(encoder), 'control')
  }

  /**
   * The app gets a `refused` control message with the refusal as it is (a field added to `Refusal`
   * reaches it as well) and what the undo took away of the sender's writing; a plain y-websocket
   * client the standard permission-denied one, whose text names the reason, the record and what is
   * wrong with it.
   */
  tellRefused(connection: SyncConnection, refusal: Refusal, records: RefusedRecord[] = []): void {
    if (this.#speaking.has(connection)) {
      this.send(connection, { type: 'refused', ...refusal, ...(records.length > 0 ? { records } : {}) })
      return
    }
    const { reason, recordId, detail } = refusal
    const about = recordId !== undefined ? ` (record ${recordId}${detail ? `: ${detail}` : ''})` : detail ? ` (${detail})` : ''
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAuth)
    authProtocol.writePermissionDenied(encoder, `${reason}: ${refusalText[reason]}${about}`)
    this.#room.sendMessage(connection, encoding.toUint8Array(encoder), 'control')
  }
}
