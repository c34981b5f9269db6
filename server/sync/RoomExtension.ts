import type * as decoding from 'lib0/decoding'
import type * as Y from 'yjs'
import type { Refusal } from '../../shared/facilitation/guard'
import type { CloseCode } from '../../shared/protocol'
import type { Logger } from '../log'
import type { MessageKind } from '../metrics'
import type { Room } from './Room'
import type { SyncConnection } from './SyncConnection'

/** A client's document update as it arrived: its bytes and the connection (with its grant) that sent it. */
export interface ClientUpdate {
  connection: SyncConnection
  update: Uint8Array
}

/** A client's update the room has applied, with the transaction that applied it. */
export interface AppliedUpdate extends ClientUpdate {
  transaction: Y.Transaction
}

/** A message type beyond sync and awareness that an extension speaks (the control channel). */
export interface ExtensionMessage {
  type: number
  /** How the metrics count it. */
  kind: MessageKind
  /** Handles one message; throws if it is malformed (the sender is closed with 4400). */
  handle(connection: SyncConnection, decoder: decoding.Decoder): void | Promise<void>
}

/**
 * Why an extension refused a client's update is a `Refusal` (shared/facilitation/guard.ts): a reason
 * from the one list the client can explain (`refusalReasons` in shared/facilitation/commands.ts; a new
 * check adds its reason there, and its text to the client's locales), and the board it concerned.
 */
export type { Refusal }

/**
 * What a hook on the update path returns to refuse: a `Refusal`, and for a refusal the sender cannot
 * go on from (its later updates build on the refused one), the close code and reason its socket is
 * closed with once every extension's `onRefused` has told it why.
 */
export interface RoomRefusal extends Refusal {
  close?: { code: CloseCode; reason: string }
}

/**
 * A feature above sync, plugged into each room (server/sync/README.md): the guard and facilitation,
 * history snapshots, and the trust checks to come. Every hook is optional and runs for each extension
 * in the order the server lists them (createSamskapServer.ts); a refusing hook stops the ones after it.
 * Hooks on the message path are synchronous: they run for every update of a room of hundreds.
 */
export interface RoomExtension {
  /** For logs. */
  readonly name: string
  readonly messages?: readonly ExtensionMessage[]
  /** A socket joined (its grant is set) and was sent the room's sync step 1 and awareness. May reject it. */
  onConnect?(connection: SyncConnection): void
  /** Before a client's update touches the document: refuse it, and it is not applied at all. */
  beforeApply?(update: ClientUpdate): RoomRefusal | null
  /** After it is applied, before it is stored: refuse it, and it is undone (stored and broadcast with it). */
  checkApplied?(applied: AppliedUpdate): RoomRefusal | null
  /** The update stands (no extension refused it). */
  afterApply?(applied: AppliedUpdate): void
  /** An update was refused (by any extension): tell the sender. `undone`: it had been applied. */
  onRefused?(refused: ClientUpdate & { refusal: Refusal; undone: boolean }): void
  /** A client's awareness update, before the room applies it; returns what to apply instead (stamping). */
  onAwareness?(connection: SyncConnection, update: Uint8Array): Uint8Array
  /** A batch was committed to storage. `local`: it holds a change made on this instance (not only other instances'). */
  afterCommit?(commit: { update: Uint8Array; local: boolean }): void
  /** The room is about to write its last updates and unload (nobody is connected). */
  beforeUnload?(): void | Promise<void>
  /**
   * The room is unloading and has written everything: its document equals what is stored, and
   * `Room.storedState()` gives it without reading storage back. Runs in the same turn that sends the
   * final compaction, so a write sent here can share its transaction. Not called when storage failed.
   */
  atUnload?(): void
  /** The room is freed (after an unload, or dropped because storage failed). */
  onDestroy?(): void
}

/** What an extension may ask of the registry while the room is being loaded. */
export interface ExtensionTools {
  log: Logger
  /**
   * Loads a companion document of this room (`<workshopId>/<name>`): no sockets, stored and shared
   * between instances like the room, compacted, unloaded and freed with it; if its storage fails,
   * the room closes too.
   */
  loadCompanion(name: string): Promise<Room>
}

/** Makes a room's extension when the room loads, before its first connection. */
export type RoomExtensionFactory = (room: Room, tools: ExtensionTools) => RoomExtension | Promise<RoomExtension>

/** The id of a companion document (ExtensionTools.loadCompanion). */
export function companionDocumentId(workshopId: string, name: string): string {
  return `${workshopId}/${name}`
}
