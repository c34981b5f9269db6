import * as Y from 'yjs'
import { isTerminalCloseCode } from '../../../shared/protocol'
import type { ItemKind, ItemOfKind, ItemRecord } from '../../../shared/schema/schema'
import type { BoardTemplate } from '../../../shared/schema/records/board'
import type { DocumentPlan } from '../../../shared/logic/plan'
import type { NoteInit } from '../../../shared/logic/itemEdits'
import type { BoardChoice } from '../../../shared/logic/templates'
import { getWorkshopMaps, type WorkshopMaps } from '../../../shared/doc/workshopDoc'
import type { PositionPatch } from '../../../shared/logic/notes'
import type { SessionRecord } from '../../../shared/schema/records/session'
import type { ControlChannel, Identity } from './ControlChannel'
import { LocalCopy } from './LocalCopy'
import { LocalOrigin } from './LocalOrigin'
import { Topics, type Listener } from './Topics'
import { Transport } from './Transport'
import { UndoHistory, type UndoState } from './UndoHistory'
import { WorkshopEdits } from './WorkshopEdits'
import { Presence } from './Presence'
import { RecordSnapshots } from './RecordSnapshots'
import { RemoteChanges, type RemoteChange } from './RemoteChanges'
import type {
  AwarenessState,
  BoardRecord,
  ConnectionState,
  NotePatch,
  NoteRecord,
  Peer,
  WorkshopMetaRecord,
} from './types'

export { LocalOrigin }
export type { RemoteChange }

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
}

/**
 * The bridge between the Yjs document and React, and the only code in the browser that touches
 * Y.* (with its parts). It composes one part per job and keeps the public face components use:
 *   RecordSnapshots  validated, immutable snapshots of the document, by topic
 *   WorkshopEdits    every edit as a plan through the one validated write path
 *   UndoHistory      undo and redo of this person's own edits
 *   Transport        the server link: provider, control channel, connection state
 *   LocalCopy        the copy kept in IndexedDB
 *   Presence         this person's and everyone else's awareness
 *   RemoteChanges    others' item changes, for screen-reader announcements
 * See README.md in this folder for how a click becomes an update.
 */
export class WorkshopStore {
  readonly workshopId: string
  /** Commands to the server and what it pushes: identity, own held notes, the facilitator's list, tallies, the clock. */
  readonly control: ControlChannel
  private readonly doc = new Y.Doc()
  private readonly maps: WorkshopMaps
  private readonly topics = new Topics()
  private readonly emit = (topic: string): void => this.topics.emit(topic)
  private readonly records: RecordSnapshots
  private readonly edits: WorkshopEdits
  private readonly history: UndoHistory
  private readonly local: LocalCopy
  private readonly transport: Transport
  private readonly presence: Presence
  private readonly remoteChanges: RemoteChanges
  private destroyed = false

  constructor(options: WorkshopStoreOptions) {
    this.workshopId = options.workshopId
    this.maps = getWorkshopMaps(this.doc)
    this.records = new RecordSnapshots(this.maps, this.emit)
    this.edits = new WorkshopEdits(this.doc, this.records)
    this.history = new UndoHistory(this.maps, this.emit)
    this.local = new LocalCopy(this.doc, options.workshopId, options.persistLocally !== false, this.emit)
    this.transport = new Transport(
      this.doc,
      {
        workshopId: options.workshopId,
        serverUrl: options.serverUrl,
        token: options.token,
        identity: options.identity ?? null,
        ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
        shouldReconnect: (event) => !isTerminalCloseCode(event.code),
      },
      this.emit,
    )
    this.control = this.transport.control
    this.presence = new Presence(this.transport.provider.awareness, options.userName, this.emit)
    this.remoteChanges = new RemoteChanges(
      this.maps.items,
      this.records,
      (transaction) => this.transport.isFromServer(transaction) && this.transport.hasBeenConnected(),
    )
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

  /**
   * Other people's item changes as they arrive from the server (not the first sync, not this
   * browser's own stored copy, not own edits), for announcing them to screen readers.
   */
  onRemoteChanges(listener: (changes: readonly RemoteChange[]) => void): () => void {
    return this.remoteChanges.subscribe(listener)
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

  getUndoState(): UndoState {
    return this.history.getState()
  }

  /** True once the copy kept in this browser has been read (or there is none). */
  isLocallyLoaded(): boolean {
    return this.local.isLoaded()
  }

  // ---- edits: each builds a plan for the one write path (WorkshopEdits) ----------------------

  /**
   * Validates a whole plan against the current document and applies it in one transaction with
   * LocalOrigin (one update, one undo step), or throws PlanRejectedError with the first validator
   * message and writes nothing.
   */
  applyPlan(plan: DocumentPlan): void {
    this.edits.applyPlan(plan)
  }

  /** A fresh record id. */
  newId(): string {
    return this.edits.newId()
  }

  /** Adds a free canvas board at the end; returns its id. */
  addBoard(title: string): string {
    return this.edits.addBoard(title)
  }

  /**
   * Adds a board from a template, or the workshop kit (three linked boards). `titles` are the
   * translated default titles. Returns the id of the board to show.
   */
  addBoardFromTemplate(choice: BoardChoice, titles: Record<BoardTemplate, string>, linkTo?: string): string {
    return this.edits.addBoardFromTemplate(choice, titles, linkTo)
  }

  /** Shows or hides a board's how-to text, for everyone. */
  setBoardHelpVisible(id: string, showHelp: boolean): void {
    this.edits.setBoardHelpVisible(id, showHelp)
  }

  /** Renames a board (the title cut to the limit); nothing if it was deleted meanwhile. */
  renameBoard(id: string, title: string): void {
    this.edits.renameBoard(id, title)
  }

  /** Moves a board to `toIndex` among the tabs. */
  moveBoard(id: string, toIndex: number): void {
    this.edits.moveBoard(id, toIndex)
  }

  /** Deletes a board and everything on it, as one undoable step. */
  deleteBoard(id: string): void {
    this.edits.deleteBoard(id)
  }

  createItem(item: ItemRecord): string {
    return this.edits.createItem(item)
  }

  updateItem(id: string, patch: Record<string, unknown>): void {
    this.edits.updateItem(id, patch)
  }

  /** A new note with defaults for what `init` leaves out, its text cut to the limit; returns its id. */
  createNote(boardId: string, init: NoteInit): string {
    return this.edits.createNote(boardId, init)
  }

  /** Changes a note (its text cut to the limit); nothing if it was deleted meanwhile. */
  updateNote(id: string, patch: NotePatch): void {
    this.edits.updateNote(id, patch)
  }

  /** Applies positions planned by `planMove` as one plan; items deleted meanwhile are skipped. */
  moveItems(patches: readonly PositionPatch[]): void {
    this.edits.moveItems(patches)
  }

  deleteItems(ids: Iterable<string>): void {
    this.edits.deleteItems(ids)
  }

  /** Ends the current undo step so the next edit is undone separately. */
  stopCapturing(): void {
    this.history.stopCapturing()
  }

  undo(): void {
    this.history.undo()
  }

  redo(): void {
    this.history.redo()
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
    this.history.destroy()
    this.presence.destroy()
    this.transport.destroy()
    this.local.destroy()
    this.remoteChanges.destroy()
    this.records.destroy()
    this.doc.destroy()
    this.topics.clear()
  }
}

export { PlanRejectedError } from '../../../shared/doc/applyPlan'
