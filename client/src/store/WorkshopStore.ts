import { nanoid } from 'nanoid'
import * as Y from 'yjs'
import { terminalCloseCodes } from '../../../shared/protocol'
import type { ItemKind, ItemOfKind, ItemRecord } from '../../../shared/schema/schema'
import type { BoardTemplate } from '../../../shared/schema/records/board'
import { isEmptyPlan, type DocumentPlan } from '../../../shared/logic/plan'
import { planAddCanvasBoard, planDeleteBoard, planMoveBoard, planRenameBoard } from '../../../shared/logic/boardEdits'
import { newNote, planNoteUpdate, planPositions, type NoteInit } from '../../../shared/logic/itemEdits'
import { planAddBoard, type BoardChoice } from '../../../shared/logic/templates'
import { getWorkshopMaps, type WorkshopMaps } from '../../../shared/doc/workshopDoc'
import { applyPlan } from '../../../shared/doc/applyPlan'
import { type PositionPatch } from '../../../shared/logic/notes'
import type { SessionRecord } from '../../../shared/schema/records/session'
import type { ControlChannel, Identity } from './ControlChannel'
import { LocalCopy } from './LocalCopy'
import { LocalOrigin } from './LocalOrigin'
import { Topics, type Listener } from './Topics'
import { Transport } from './Transport'
import { UndoHistory, type UndoState } from './UndoHistory'
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
 * The bridge between the Yjs document and React. It observes the document, validates what it
 * reads, keeps immutable snapshots (unchanged records keep their identity, so a remote change to
 * one note re-renders one note), and exposes every edit as a method. Components never touch Y.*.
 */
export class WorkshopStore {
  readonly workshopId: string
  private readonly doc = new Y.Doc()
  private readonly maps: WorkshopMaps
  private readonly transport: Transport
  private readonly presence: Presence
  private readonly local: LocalCopy
  private readonly history: UndoHistory
  private readonly topics = new Topics()
  private readonly records: RecordSnapshots
  private readonly remoteChanges: RemoteChanges

  /** Commands to the server and what it pushes: identity, own held notes, the facilitator's list, tallies, the clock. */
  readonly control: ControlChannel
  private destroyed = false

  constructor(options: WorkshopStoreOptions) {
    this.workshopId = options.workshopId
    this.maps = getWorkshopMaps(this.doc)
    this.records = new RecordSnapshots(this.maps, this.emit)
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
        shouldReconnect: (event) => !terminalCloseCodes.has(event.code) && !(event.code >= 4400 && event.code < 4500),
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
   * 'item:<id>' (one record), 'kind:<boardId>:<kind>' (any record of a kind on a board), 'peers',
   * 'connection', 'undo', 'loaded', 'session'; from the control channel 'identity', 'mine', 'held',
   * 'tally', 'clock'.
   */
  subscribe(topic: string, listener: Listener): () => void {
    return this.topics.subscribe(topic, listener)
  }

  private readonly emit = (topic: string): void => this.topics.emit(topic)

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

  // ---- edits ---------------------------------------------------------------------------------

  /** Adds a free canvas board. */
  addBoard(title: string): string {
    const id = nanoid()
    this.applyPlan(planAddCanvasBoard(this.records.getBoards(), id, title))
    return id
  }

  /**
   * Adds a board from a template, or the workshop kit (three linked boards). `titles` are the
   * translated default titles. Returns the id of the board to show.
   */
  addBoardFromTemplate(choice: BoardChoice, titles: Record<BoardTemplate, string>, linkTo?: string): string {
    const { plan, firstBoardId } = planAddBoard({
      choice,
      existingBoards: this.records.getBoards(),
      titles,
      newId: () => nanoid(),
      now: Date.now(),
      linkTo: linkTo ?? this.records.getBoards().find((b) => b.template === 'stakeholderMap')?.id ?? '',
    })
    this.applyPlan(plan)
    return firstBoardId
  }

  /** Shows or hides a board's how-to text, for everyone. */
  setBoardHelpVisible(id: string, showHelp: boolean): void {
    this.applyPlan({ updateBoards: [{ id, patch: { showHelp } }] })
  }

  /**
   * The one write path: validates a whole plan against the current document and applies it in one
   * transaction with LocalOrigin (one update, one undo step), or throws PlanRejectedError with the
   * first validator message and writes nothing. Every edit method below builds a plan for it.
   */
  applyPlan(plan: DocumentPlan): void {
    if (isEmptyPlan(plan)) return
    applyPlan(this.doc, plan, LocalOrigin)
  }

  createItem(item: ItemRecord): string {
    this.applyPlan({ createItems: [item] })
    return item.id
  }

  updateItem(id: string, patch: Record<string, unknown>): void {
    this.applyPlan({ updateItems: [{ id, patch }] })
  }

  /** A fresh record id. */
  newId(): string {
    return nanoid()
  }

  renameBoard(id: string, title: string): void {
    this.applyPlan(planRenameBoard(this.records.getBoards(), id, title))
  }

  moveBoard(id: string, toIndex: number): void {
    this.applyPlan(planMoveBoard(this.records.getBoards(), id, toIndex))
  }

  /** Deletes a board and everything on it, as one undoable step. */
  deleteBoard(id: string): void {
    this.applyPlan(planDeleteBoard(id))
  }

  createNote(boardId: string, init: NoteInit): string {
    const note = newNote(boardId, init, nanoid(), Date.now())
    this.applyPlan({ createItems: [note] })
    return note.id
  }

  updateNote(id: string, patch: NotePatch): void {
    this.applyPlan(planNoteUpdate(this.getNote(id), patch))
  }

  /** Applies a move planned by `planMove` in one transaction (one undo step, one update). */
  moveItems(patches: readonly PositionPatch[]): void {
    this.applyPlan(planPositions(patches))
  }

  deleteItems(ids: Iterable<string>): void {
    this.applyPlan({ deleteItems: [...ids] })
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
