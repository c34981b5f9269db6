import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol'
import type { Grant } from '../access/AccessStore'
import type { AppliedUpdate, ClientUpdate, ExtensionTools, RoomExtension, RoomRefusal } from '../sync/RoomExtension'
import type { Room } from '../sync/Room'
import type { SyncConnection } from '../sync/SyncConnection'

/** The companion document that keeps who each Yjs client id belongs to: `<workshopId>/authors`. */
export const AUTHORS_COMPANION = 'authors'

/** The identity of every client id the server's own room documents write under. */
export const SERVER_IDENTITY = 'server'
/** Client ids that wrote into the document before it was kept who they belong to: nobody may extend them. */
export const LEGACY_IDENTITY = 'legacy'

/**
 * Who writes under a Yjs client id, as the binding keeps it: a participant by their personal id
 * (`p:<participantId>`), everyone holding the facilitator's (or observer's) link as that role.
 */
export function identityOf(grant: Grant): string {
  return grant.role === 'participant' ? `p:${grant.participantId}` : grant.role
}

/**
 * A Yjs client id belongs to whoever first wrote under it (docs/schema.md, "Who may write what"),
 * as a room extension listed first (server/sync/README.md).
 *
 * Yjs orders and deduplicates by (client id, clock), and trusts whoever sends them: a copy of
 * someone's client id and clock made the server keep the copy and drop that person's later edits
 * forever, and a struct under the facilitator's id looked like the facilitator's. So:
 *
 * - an id is bound to the sender's identity when a connection first announces it in awareness (the
 *   moment everyone else can learn it) or when structs under it are first applied;
 * - an update that brings new structs under an id bound to someone else is refused whole before it
 *   is applied (`authorship`), its sender told and closed with 4409: its later updates build on it;
 * - an id the document already holds structs under without a binding (written before bindings were
 *   kept, or by a server instance of the past) is `legacy`: nobody may extend it;
 * - the bindings live in the companion document `<workshopId>/authors`, stored and shared between
 *   instances like the workshop, so they hold across restarts and instances.
 *
 * The check reads the update's meta data (`Y.parseUpdateMeta`: which ids it writes structs under,
 * from which clock to which), not the document; ids in its delete set are others' structs it
 * deletes, which the guard judges.
 */
export class Authorship implements RoomExtension {
  readonly name = 'authorship'
  readonly #doc: Y.Doc
  readonly #authors: Y.Map<string>
  /** The update beforeApply last let through and the ids its structs are under, for checkApplied. */
  #checking: { update: Uint8Array; clients: readonly number[] } | null = null

  /** The factory the registry calls as the room loads: loads the bindings. */
  static async load(room: Room, tools: ExtensionTools): Promise<Authorship> {
    return new Authorship(room.doc, (await tools.loadCompanion(AUTHORS_COMPANION)).doc)
  }

  constructor(doc: Y.Doc, authorsDoc: Y.Doc) {
    this.#doc = doc
    this.#authors = authorsDoc.getMap<string>('clients')
    doc.on('afterTransaction', this.#onTransaction)
  }

  /**
   * Whom a client id belongs to: the server for this room's own id, else its binding, `legacy` for
   * an unbound id the document holds structs under, else null (free).
   *
   * The room's own id is the server's from the start, here; it is stored (for the other instances
   * and for later loads) in the same turn the server first writes under it, before that write is
   * committed, so no one learns the id before its binding. Storing it at every load instead cost a
   * write at every room open and a compaction at every close, and grew the bindings by a dead id
   * each time (bench/RESULTS.md, 2026-12-05).
   */
  ownerOf(client: number): string | null {
    if (client === this.#doc.clientID) return SERVER_IDENTITY
    return this.#authors.get(String(client)) ?? (Y.getState(this.#doc.store, client) > 0 ? LEGACY_IDENTITY : null)
  }

  onDestroy(): void {
    this.#doc.off('afterTransaction', this.#onTransaction)
  }

  readonly #onTransaction = (transaction: Y.Transaction): void => {
    const own = this.#doc.clientID
    if ((transaction.afterState.get(own) ?? 0) > (transaction.beforeState.get(own) ?? 0) && !this.#authors.has(String(own))) {
      this.#bind(own, SERVER_IDENTITY)
    }
  }

  beforeApply({ connection, update }: ClientUpdate): RoomRefusal | null {
    // Without a grant nothing is applied (facilitation refuses it): there is no one to bind to.
    if (!connection.grant) return null
    const identity = identityOf(connection.grant)
    // What checkApplied needs to look at afterwards: the update's own ids, unless structs waiting
    // for what they build on (from earlier updates, anyone's) may be integrated along with it.
    const glance = writersAtAGlance(update)
    this.#checking = glance && this.#doc.store.pendingStructs === null ? { update, clients: glance } : null
    // The common case, a client writing under its own id (or a free one): its header says enough.
    if (glance?.every((client) => this.#mayWriteUnder(client, identity))) return null
    const { to } = Y.parseUpdateMeta(update)
    for (const [client, end] of to) {
      // Structs the document already has change nothing: a client may pass on others' edits it holds.
      if (end <= Y.getState(this.#doc.store, client)) continue
      const owner = this.ownerOf(client)
      if (owner === null || owner === identity) continue
      connection.log.warn({ client, owner: owner === SERVER_IDENTITY || owner === LEGACY_IDENTITY ? owner : 'someone else' }, 'update under a client id that is someone else’s')
      return {
        reason: 'authorship',
        boardId: null,
        detail: `Yjs client id ${client} belongs to someone else`,
        close: { code: CloseCode.ClientIdTaken, reason: 'This page wrote under an id that belongs to someone else; please reload' },
      }
    }
    return null
  }

  /** Structs under a free id are in the document now: the id is the sender's (refused or not, its clock is used). */
  checkApplied({ connection, update, transaction }: AppliedUpdate): RoomRefusal | null {
    if (!connection.grant) return null
    const identity = identityOf(connection.grant)
    const checking = this.#checking
    this.#checking = null
    // Only the ids the update wrote under can have grown, when beforeApply could tell them: else
    // every client id the document has, a state vector as long as the room's history of joiners.
    const clients = checking !== null && checking.update === update ? checking.clients : transaction.afterState.keys()
    for (const client of clients) {
      const clock = transaction.afterState.get(client) ?? 0
      if (clock > (transaction.beforeState.get(client) ?? 0) && !this.#authors.has(String(client))) this.#bind(client, identity)
    }
    return null
  }

  #mayWriteUnder(client: number, identity: string): boolean {
    const owner = this.ownerOf(client)
    return owner === null || owner === identity
  }

  /** A client id announced in presence is bound before anyone else learns it from the relay. */
  onAwareness(connection: SyncConnection, update: Uint8Array): Uint8Array {
    if (!connection.grant) return update
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(decoder)
      decoding.readVarUint(decoder)
      decoding.readVarString(decoder)
      if (this.ownerOf(client) === null) this.#bind(client, identityOf(connection.grant))
    }
    return update
  }

  #bind(client: number, identity: string): void {
    this.#authors.set(String(client), identity)
  }
}

/**
 * The client ids an update (Yjs v1) writes structs under, read from its header alone, when it has at
 * most one section of structs (what a client sends for its own edits); null when it has several,
 * whose ids only a full parse reaches. Garbage after the header is left to Yjs, which refuses it as
 * it applies (the malformed-message path): nothing here trusts more than the header.
 */
export function writersAtAGlance(update: Uint8Array): number[] | null {
  const decoder = decoding.createDecoder(update)
  const sections = decoding.readVarUint(decoder)
  if (sections === 0) return []
  if (sections > 1) return null
  decoding.readVarUint(decoder)
  return [decoding.readVarUint(decoder)]
}
