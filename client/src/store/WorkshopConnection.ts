import { nanoid } from 'nanoid'
import * as Y from 'yjs'
import { isTerminalCloseCode } from '../../../shared/protocol'
import type { ItemReader } from '../../../shared/doc/readRecords'
import type { ItemKind, ItemOfKind, ItemRecord } from '../../../shared/schema/schema'
import { getWorkshopMaps, type WorkshopMaps } from '../../../shared/doc/workshopMaps'
import type { SessionReader, SessionRecord } from '../../../shared/schema/records/session'
import type { ControlChannel, Identity } from './ControlChannel'
import { LocalCopy } from './LocalCopy'
import { Topics, type Listener } from './Topics'
import { Transport } from './Transport'
import { Presence } from './Presence'
import { RecordSnapshots } from './RecordSnapshots'
import { whenPageIsIdle } from './whenPageIsIdle'
import type { AwarenessState, BoardRecord, ConnectionState, NoteRecord, Peer, WorkshopMetaRecord } from './types'

export interface WorkshopStoreOptions {
  workshopId: string
  /** Base websocket URL, e.g. `ws://host:8080/sync`. */
  serverUrl: string
  userName: string
  /** The link or personal token that decides this person's role (shared/access.ts); null: none (old workshops). */
  token: string | null
  /** The role the stored link had, until the server's welcome says; null when not known yet. */
  identity?: Identity | null
  /** Keep a copy in IndexedDB (off in environments without it). */
  persistLocally?: boolean
  /** For Node (tests, scripts): a WebSocket implementation such as the `ws` package's. */
  WebSocketPolyfill?: typeof WebSocket
  /**
   * true: read the stored copy once the page has painted and the person is not typing
   * (whenPageIsIdle.ts), not at once; the sync waits for the copy either way. For the phone, whose
   * note box must take text while 2,000 stored notes are applied.
   */
  readLocalCopyWhenIdle?: boolean
  /** false: other tabs of this browser are not told of the document directly (Transport.ts); the server still relays. */
  shareAcrossTabs?: boolean
}

/**
 * An open workshop without the record write path: the document as validated snapshots of the
 * kinds `readItem` reads, the server link with its control channel, the copy in IndexedDB and
 * presence. The phone page opens one of these (PhoneStore.ts): it writes through commands only,
 * so it loads neither the planners nor undo nor every kind's validator. `WorkshopStore` adds those
 * for the pages that edit the board. See README.md in this folder.
 */
export class WorkshopConnection {
  readonly workshopId: string
  /** Commands to the server and what it pushes: identity, own held notes, the facilitator's list, tallies, the clock. */
  readonly control: ControlChannel
  protected readonly doc = new Y.Doc()
  protected readonly maps: WorkshopMaps
  private readonly topics = new Topics()
  protected readonly emit = (topic: string): void => this.topics.emit(topic)
  protected readonly records: RecordSnapshots
  protected readonly transport: Transport
  private readonly local: LocalCopy
  private readonly presence: Presence
  private destroyed = false

  constructor(options: WorkshopStoreOptions, readItem: ItemReader, readSession: SessionReader) {
    this.workshopId = options.workshopId
    this.maps = getWorkshopMaps(this.doc)
    this.records = new RecordSnapshots(this.maps, this.emit, readItem, readSession)
    const persistLocally = options.persistLocally !== false
    this.local = new LocalCopy(this.doc, options.workshopId, persistLocally, this.emit, options.readLocalCopyWhenIdle ? whenPageIsIdle : undefined)
    this.transport = new Transport(
      this.doc,
      {
        workshopId: options.workshopId,
        serverUrl: options.serverUrl,
        token: options.token,
        identity: options.identity ?? null,
        ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
        shouldReconnect: (event) => !isTerminalCloseCode(event.code),
        ...(options.shareAcrossTabs === false ? { shareAcrossTabs: false } : {}),
        // The sync starts from the stored copy (LocalCopy.ts, `whenLoaded`): only the difference travels.
        connect: !persistLocally,
      },
      this.emit,
    )
    this.local.whenLoaded(() => this.transport.connect())
    this.control = this.transport.control
    this.presence = new Presence(this.transport.provider.awareness, options.userName, this.emit)
  }

  // ---- subscriptions -------------------------------------------------------------------------

  /**
   * Subscribe to one topic: 'boards', 'meta', 'items:<boardId>' (ids added/removed),
   * 'item:<id>' and 'note:<id>' (one record), 'kind:<boardId>:<kind>' (any record of a kind on a
   * board), 'peers', 'connection', 'undo', 'loaded', 'session'; from the control channel
   * 'identity', 'mine', 'held', 'tally', 'clock'.
   */
  subscribe(topic: string, listener: Listener): () => void {
    return this.topics.subscribe(topic, listener)
  }

  getBoards(): readonly BoardRecord[] {
    return this.records.getBoards()
  }

  getMeta(): WorkshopMetaRecord | null {
    return this.records.getMeta()
  }

  /** The facilitator's live state (timer, locks, phase, vote, …), each field validated. */
  getSession(): SessionRecord {
    return this.records.getSession()
  }

  /** This browser's id in awareness: a peer whose `clientId` equals it is this browser. */
  getClientId(): number {
    return this.doc.clientID
  }

  getItemIds(boardId: string): readonly string[] {
    return this.records.getItemIds(boardId)
  }

  getItem(id: string): ItemRecord | undefined {
    return this.records.getItem(id)
  }

  getNote(id: string): NoteRecord | undefined {
    return this.records.getNote(id)
  }

  /** Every item of one kind on one board, in stacking order; the same array until one of them changes. */
  getItemsOfKind<K extends ItemKind>(boardId: string, kind: K): readonly ItemOfKind<K>[] {
    return this.records.getItemsOfKind(boardId, kind)
  }

  getPeers(): readonly Peer[] {
    return this.presence.getPeers()
  }

  getConnection(): ConnectionState {
    return this.transport.getConnection()
  }

  /** True once the copy kept in this browser has been read (or there is none). */
  isLocallyLoaded(): boolean {
    return this.local.isLoaded()
  }

  /** A fresh record id. */
  newId(): string {
    return nanoid()
  }

  // ---- presence ------------------------------------------------------------------------------

  getSelfName(): string {
    return this.presence.getSelfName()
  }

  getSelfColor(): string {
    return this.presence.getSelfColor()
  }

  setUserName(name: string): void {
    this.presence.setUserName(name)
  }

  setViewedBoard(boardId: string | null): void {
    this.presence.setViewedBoard(boardId)
  }

  setCursor(cursor: AwarenessState['cursor']): void {
    this.presence.setCursor(cursor)
  }

  /** Publishes what this person looks at on a canvas, for people who follow them. */
  setView(view: AwarenessState['view']): void {
    this.presence.setView(view)
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.beforeDestroy()
    this.presence.destroy()
    this.transport.destroy()
    this.local.destroy()
    this.records.destroy()
    this.doc.destroy()
    this.topics.clear()
  }

  /** What a subclass stops before the parts here go (its observers of the document). */
  protected beforeDestroy(): void {}
}
