import { nanoid } from 'nanoid'
import * as Y from 'yjs'
import { terminalCloseCodes } from '../../../shared/protocol'
import {
  validateBoard,
  validateItem,
  type ItemKind,
  type ItemOfKind,
  type ItemRecord,
} from '../../../shared/schema/schema'
import type { BoardTemplate } from '../../../shared/schema/records/board'
import { isEmptyPlan, type DocumentPlan } from '../../../shared/logic/plan'
import { planAddCanvasBoard, planDeleteBoard, planMoveBoard, planRenameBoard } from '../../../shared/logic/boardEdits'
import { newNote, planNoteUpdate, planPositions, type NoteInit } from '../../../shared/logic/itemEdits'
import { planAddBoard, type BoardChoice } from '../../../shared/logic/templates'
import { validateWorkshopMeta } from '../../../shared/schema/records/workshopMeta'
import { getWorkshopMaps, readRecord, type WorkshopMaps } from '../../../shared/doc/workshopDoc'
import { applyPlan } from '../../../shared/doc/applyPlan'
import { sortByOrder } from '../../../shared/logic/boardOrder'
import { type PositionPatch } from '../../../shared/logic/notes'
import { defaultSession, readSession, type SessionRecord } from '../../../shared/schema/records/session'
import type { ControlChannel, Identity } from './ControlChannel'
import { LocalCopy } from './LocalCopy'
import { LocalOrigin } from './LocalOrigin'
import { Topics, type Listener } from './Topics'
import { Transport } from './Transport'
import { UndoHistory, type UndoState } from './UndoHistory'
import { Presence } from './Presence'
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
  private readonly remoteChangeListeners = new Set<(changes: readonly RemoteChange[]) => void>()

  private boards: readonly BoardRecord[] = []
  private meta: WorkshopMetaRecord | null = null
  private readonly items = new Map<string, ItemRecord>()
  private readonly itemIdsByBoard = new Map<string, readonly string[]>()
  /** Lazily built lists of one kind on one board; dropped when that board's items of the kind change. */
  private readonly kindLists = new Map<string, readonly ItemRecord[]>()
  private session: SessionRecord = defaultSession
  /** Commands to the server and what it pushes: identity, own held notes, the facilitator's list, tallies, the clock. */
  readonly control: ControlChannel
  private destroyed = false

  constructor(options: WorkshopStoreOptions) {
    this.workshopId = options.workshopId
    this.maps = getWorkshopMaps(this.doc)
    this.maps.meta.observe(() => this.readMeta())
    this.maps.session.observe(() => this.readSession())
    this.maps.boards.observeDeep(() => this.readBoards())
    this.maps.items.observeDeep((events, transaction) => {
      // A removed record's kind is known only before it is forgotten.
      const removedKinds = this.isReportable(transaction) ? this.kindsOfRemoved(events) : null
      this.readItems(events)
      if (removedKinds) this.reportRemoteChanges(events, removedKinds)
    })
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

    this.readMeta()
    this.readSession()
    this.readBoards()
    this.readItems(null)
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
    this.remoteChangeListeners.add(listener)
    return () => {
      this.remoteChangeListeners.delete(listener)
    }
  }

  private isReportable(transaction: Y.Transaction): boolean {
    return this.remoteChangeListeners.size > 0 && this.transport.isFromServer(transaction) && this.transport.hasBeenConnected()
  }

  private kindsOfRemoved(events: Y.YEvent<Y.AbstractType<unknown>>[]): Map<string, ItemRecord> {
    const removed = new Map<string, ItemRecord>()
    for (const event of events) {
      if (event.target !== this.maps.items) continue
      for (const [id, change] of event.changes.keys) {
        const item = change.action === 'delete' ? this.items.get(id) : undefined
        if (item) removed.set(id, item)
      }
    }
    return removed
  }

  /**
   * The author of an insert is the Yjs client id in the new struct's id, which is the same id the
   * author's awareness state is keyed by; a removal carries no author (Yjs deletes create no struct).
   */
  private reportRemoteChanges(events: Y.YEvent<Y.AbstractType<unknown>>[], removed: ReadonlyMap<string, ItemRecord>): void {
    const changes = new Map<string, RemoteChange>()
    for (const event of events) {
      if (event.target === this.maps.items) {
        for (const [id, change] of event.changes.keys) {
          const item = change.action === 'delete' ? removed.get(id) : this.items.get(id)
          if (!item) continue
          const action = change.action === 'add' ? 'added' : change.action === 'delete' ? 'removed' : 'changed'
          const authorClientId = change.action === 'delete' ? null : (this.maps.items._map.get(id)?.id.client ?? null)
          changes.set(id, { id, kind: item.kind, boardId: item.boardId, action, authorClientId })
        }
      } else {
        const id = event.path[0]
        if (typeof id !== 'string' || changes.has(id)) continue
        const item = this.items.get(id)
        if (!item) continue
        let authorClientId: number | null = null
        for (const key of event.changes.keys.keys()) {
          authorClientId = event.target._map.get(key)?.id.client ?? authorClientId
        }
        changes.set(id, { id, kind: item.kind, boardId: item.boardId, action: 'changed', authorClientId })
      }
    }
    if (changes.size === 0) return
    const list = [...changes.values()]
    for (const listener of [...this.remoteChangeListeners]) listener(list)
  }

  getBoards(): readonly BoardRecord[] {
    return this.boards
  }

  getMeta(): WorkshopMetaRecord | null {
    return this.meta
  }

  /** The facilitator's live state (timer, locks, phase, vote, …), each field validated. */
  getSession(): SessionRecord {
    return this.session
  }

  /** This browser's id in awareness: a peer whose `clientId` equals it is this browser. */
  getClientId(): number {
    return this.doc.clientID
  }

  getItemIds(boardId: string): readonly string[] {
    return this.itemIdsByBoard.get(boardId) ?? emptyIds
  }

  getItem(id: string): ItemRecord | undefined {
    return this.items.get(id)
  }

  getNote(id: string): NoteRecord | undefined {
    const item = this.items.get(id)
    return item?.kind === 'note' ? item : undefined
  }

  /** Every item of one kind on one board, in stacking order; the same array until one of them changes. */
  getItemsOfKind<K extends ItemKind>(boardId: string, kind: K): readonly ItemOfKind<K>[] {
    const key = `${boardId}:${kind}`
    let list = this.kindLists.get(key)
    if (!list) {
      list = this.getItemIds(boardId).flatMap((id) => {
        const item = this.items.get(id)
        return item && item.kind === kind ? [item] : []
      })
      this.kindLists.set(key, list)
    }
    return list as readonly ItemOfKind<K>[]
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

  // ---- reading the document ------------------------------------------------------------------

  private readMeta(): void {
    const raw: Record<string, unknown> = {}
    this.maps.meta.forEach((value, key) => {
      raw[key] = value
    })
    const result = validateWorkshopMeta(raw)
    const next = result.ok ? result.value : null
    if (JSON.stringify(next) !== JSON.stringify(this.meta)) {
      this.meta = next
      this.emit('meta')
    }
  }

  private readSession(): void {
    const { session, errors } = readSession(this.maps.session.toJSON() as Record<string, unknown>)
    for (const error of errors) warnOnce(error)
    if (JSON.stringify(session) !== JSON.stringify(this.session)) {
      this.session = session
      this.emit('session')
    }
  }

  private readBoards(): void {
    const boards: BoardRecord[] = []
    this.maps.boards.forEach((map) => {
      const result = validateBoard(readRecord(map))
      if (result.ok) boards.push(result.value)
      else warnOnce(result.error)
    })
    const sorted = sortByOrder(boards)
    // Keep the identity of unchanged boards so memoised components skip them.
    const previous = new Map(this.boards.map((b) => [b.id, b]))
    const next = sorted.map((b) => {
      const old = previous.get(b.id)
      return old && shallowEqual(old, b) ? old : b
    })
    if (next.length !== this.boards.length || next.some((b, i) => b !== this.boards[i])) {
      this.boards = next
      this.emit('boards')
    }
  }

  /** Re-reads only the items an event touched; `null` re-reads all (first load). */
  private readItems(events: Y.YEvent<Y.AbstractType<unknown>>[] | null): void {
    const touched = new Set<string>()
    if (events === null) {
      this.maps.items.forEach((_map, id) => touched.add(id))
    } else {
      for (const event of events) {
        if (event.target === this.maps.items) {
          for (const key of event.changes.keys.keys()) touched.add(key)
        } else {
          const id = event.path[0]
          if (typeof id === 'string') touched.add(id)
        }
      }
    }
    const listsChanged = new Set<string>()
    const kindsChanged = new Set<string>()
    for (const id of touched) {
      const old = this.items.get(id)
      const map = this.maps.items.get(id)
      let next: ItemRecord | undefined
      if (map) {
        const result = validateItem(readRecord(map))
        if (result.ok) next = result.value
        else warnOnce(result.error)
      }
      if (old && next && shallowEqual(old, next)) continue
      if (next) this.items.set(id, next)
      else this.items.delete(id)
      if (old) kindsChanged.add(`${old.boardId}:${old.kind}`)
      if (next) kindsChanged.add(`${next.boardId}:${next.kind}`)
      const moved = !old || !next || old.boardId !== next.boardId || old.createdAt !== next.createdAt
      if (moved) {
        if (old) listsChanged.add(old.boardId)
        if (next) listsChanged.add(next.boardId)
      }
      this.emit(`item:${id}`)
      if (old?.kind === 'note' || next?.kind === 'note') this.emit(`note:${id}`)
    }
    for (const boardId of listsChanged) {
      const ids = [...this.items.values()]
        .filter((item) => item.boardId === boardId)
        .sort(byStacking)
        .map((item) => item.id)
      const previous = this.itemIdsByBoard.get(boardId) ?? emptyIds
      if (ids.length !== previous.length || ids.some((id, i) => id !== previous[i])) {
        this.itemIdsByBoard.set(boardId, ids)
        this.emit(`items:${boardId}`)
      }
    }
    for (const key of kindsChanged) {
      this.kindLists.delete(key)
      this.emit(`kind:${key}`)
    }
  }

  // ---- edits ---------------------------------------------------------------------------------

  /** Adds a free canvas board. */
  addBoard(title: string): string {
    const id = nanoid()
    this.applyPlan(planAddCanvasBoard(this.boards, id, title))
    return id
  }

  /**
   * Adds a board from a template, or the workshop kit (three linked boards). `titles` are the
   * translated default titles. Returns the id of the board to show.
   */
  addBoardFromTemplate(choice: BoardChoice, titles: Record<BoardTemplate, string>, linkTo?: string): string {
    const { plan, firstBoardId } = planAddBoard({
      choice,
      existingBoards: this.boards,
      titles,
      newId: () => nanoid(),
      now: Date.now(),
      linkTo: linkTo ?? this.boards.find((b) => b.template === 'stakeholderMap')?.id ?? '',
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
    this.applyPlan(planRenameBoard(this.boards, id, title))
  }

  moveBoard(id: string, toIndex: number): void {
    this.applyPlan(planMoveBoard(this.boards, id, toIndex))
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
    this.doc.destroy()
    this.topics.clear()
  }
}

const emptyIds: readonly string[] = Object.freeze([])

/** One item changed by someone else; `authorClientId` matches a `Peer.clientId` when known. */
export interface RemoteChange {
  id: string
  kind: ItemKind
  boardId: string
  action: 'added' | 'changed' | 'removed'
  authorClientId: number | null
}

/** Older below, ties by id: the same order in every browser. */
function byStacking(a: ItemRecord, b: ItemRecord): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

function shallowEqual(a: object, b: object): boolean {
  const ak = Object.keys(a)
  if (ak.length !== Object.keys(b).length) return false
  return ak.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

const warned = new Set<string>()
function warnOnce(message: string): void {
  if (warned.has(message)) return
  warned.add(message)
  console.warn(`[samskap] skipped an invalid record: ${message}`)
}

export { PlanRejectedError } from '../../../shared/doc/applyPlan'
