import { nanoid } from 'nanoid'
import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import { isTerminalCloseCode } from '../../../shared/protocol'
import {
  currentSchema,
  encodeSchemaVersions,
  validateBoard,
  validateItem,
  type ItemKind,
  type ItemOfKind,
  type ItemRecord,
} from '../../../shared/schema/schema'
import { BOARD_TITLE_MAX, type BoardTemplate } from '../../../shared/schema/records/board'
import { NOTE_DEFAULT_SIZE, NOTE_TEXT_MAX, validateNote } from '../../../shared/schema/records/note'
import type { DocumentPlan } from '../../../shared/logic/plan'
import { planAddBoard, type BoardChoice } from '../../../shared/logic/templates'
import { validateWorkshopMeta } from '../../../shared/schema/records/workshopMeta'
import { createRecordMap, getWorkshopMaps, patchRecordMap, readRecord, type WorkshopMaps } from '../../../shared/doc/workshopDoc'
import { checkPlan, writePlan } from '../../../shared/doc/applyPlan'
import { orderAtEnd, planReorder, sortByOrder } from '../../../shared/logic/boardOrder'
import { type PositionPatch } from '../../../shared/logic/notes'
import { defaultSession, readSession, type SessionRecord } from '../../../shared/schema/records/session'
import { ControlChannel, type Identity } from './ControlChannel'
import { peerColor } from './peerColor'
import type {
  AwarenessState,
  BoardRecord,
  ConnectionState,
  NotePatch,
  NoteRecord,
  Peer,
  WorkshopMetaRecord,
} from './types'

/** Typed transaction origins: local edits are undoable, everything else is someone else's. */
export const LocalOrigin = { kind: 'local' } as const

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

type Listener = () => void

/**
 * The bridge between the Yjs document and React. It observes the document, validates what it
 * reads, keeps immutable snapshots (unchanged records keep their identity, so a remote change to
 * one note re-renders one note), and exposes every edit as a method. Components never touch Y.*.
 */
export class WorkshopStore {
  readonly workshopId: string
  private readonly doc = new Y.Doc()
  private readonly maps: WorkshopMaps
  private readonly provider: WebsocketProvider
  private readonly local: IndexeddbPersistence | null
  private readonly undoManager: Y.UndoManager
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly remoteChangeListeners = new Set<(changes: readonly RemoteChange[]) => void>()

  private boards: readonly BoardRecord[] = []
  private meta: WorkshopMetaRecord | null = null
  private readonly items = new Map<string, ItemRecord>()
  private readonly itemIdsByBoard = new Map<string, readonly string[]>()
  /** Lazily built lists of one kind on one board; dropped when that board's items of the kind change. */
  private readonly kindLists = new Map<string, readonly ItemRecord[]>()
  private peers: readonly Peer[] = []
  private session: SessionRecord = defaultSession
  /** Commands to the server and what it pushes: identity, own held notes, the facilitator's list, tallies, the clock. */
  readonly control: ControlChannel
  private connection: ConnectionState = { status: 'connecting', unsynced: 0 }
  private unsynced = 0
  private undoState = { canUndo: false, canRedo: false }
  private localLoaded = false
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
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === LocalOrigin && this.connection.status !== 'connected') {
        this.unsynced++
        this.setConnection({ ...this.connection, unsynced: this.unsynced })
      }
    })

    this.undoManager = new Y.UndoManager([this.maps.boards, this.maps.items], {
      trackedOrigins: new Set([LocalOrigin]),
      captureTimeout: 500,
    })
    const onStack = () => {
      this.undoState = { canUndo: this.undoManager.canUndo(), canRedo: this.undoManager.canRedo() }
      this.emit('undo')
    }
    this.undoManager.on('stack-item-added', onStack)
    this.undoManager.on('stack-item-popped', onStack)
    this.undoManager.on('stack-cleared', onStack)

    this.local = options.persistLocally === false ? null : new IndexeddbPersistence(`samskap:${options.workshopId}`, this.doc)
    this.local?.on('synced', () => {
      this.localLoaded = true
      this.emit('loaded')
    })

    this.provider = new WebsocketProvider(options.serverUrl, options.workshopId, this.doc, {
      // control=1: this client speaks the control channel (shared/facilitation/commands.ts).
      params: { schema: encodeSchemaVersions(currentSchema), control: '1', ...(options.token ? { token: options.token } : {}) },
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill, disableBc: true } : {}),
      shouldReconnect: (event) => !isTerminalCloseCode(event.code),
    })
    this.provider.on('status', ({ status }) => {
      // 'connected' only means the socket opened; the person is connected once the sync finished.
      if (status === 'connected' || this.connection.status === 'refused') return
      this.setConnection(this.connectionWith(this.disconnectedStatus()))
    })
    this.provider.on('sync', (synced) => {
      if (!synced) return
      this.hasBeenConnected = true
      this.unsynced = 0
      this.setConnection({ status: 'connected', unsynced: 0 })
    })
    this.provider.on('closed', ({ code, reason }) => {
      this.setConnection({ status: 'refused', unsynced: this.unsynced, code, reason })
    })
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', this.onBrowserOffline)
      window.addEventListener('online', this.onBrowserOnline)
    }

    this.control = new ControlChannel(this.provider, (topic) => this.emit(topic), options.identity ?? null)
    this.provider.awareness.on('change', () => this.readPeers())
    this.setAwareness({ user: { name: options.userName, color: peerColor(this.doc.clientID) }, boardId: null, cursor: null, view: null })

    this.readMeta()
    this.readSession()
    this.readBoards()
    this.readItems(null)
  }

  private hasBeenConnected = false

  private disconnectedStatus(): 'offline' | 'reconnecting' | 'connecting' {
    if (!navigatorOnline()) return 'offline'
    return this.hasBeenConnected ? 'reconnecting' : 'connecting'
  }

  // A socket can linger for many seconds after the network goes; the browser knows at once.
  private readonly onBrowserOffline = () => {
    if (this.connection.status === 'refused') return
    this.provider.disconnect()
    this.setConnection(this.connectionWith('offline'))
  }

  private readonly onBrowserOnline = () => {
    if (this.connection.status !== 'offline') return
    this.setConnection(this.connectionWith('reconnecting'))
    this.provider.connect()
  }

  private connectionWith(status: 'connecting' | 'offline' | 'reconnecting' | 'connected'): ConnectionState {
    if (status === 'connected') return { status, unsynced: 0 }
    return { status, unsynced: this.unsynced }
  }

  // ---- subscriptions -------------------------------------------------------------------------

  /**
   * Subscribe to one topic: 'boards', 'meta', 'items:<boardId>' (ids added/removed),
   * 'item:<id>' (one record), 'kind:<boardId>:<kind>' (any record of a kind on a board), 'peers',
   * 'connection', 'undo', 'loaded', 'session'; from the control channel 'identity', 'mine', 'held',
   * 'tally', 'clock'.
   */
  subscribe(topic: string, listener: Listener): () => void {
    let set = this.listeners.get(topic)
    if (!set) {
      set = new Set()
      this.listeners.set(topic, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(topic)
    }
  }

  private emit(topic: string): void {
    const set = this.listeners.get(topic)
    if (set) for (const listener of [...set]) listener()
  }

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
    return this.remoteChangeListeners.size > 0 && transaction.origin === this.provider && this.hasBeenConnected
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
    return this.peers
  }

  getConnection(): ConnectionState {
    return this.connection
  }

  getUndoState(): { canUndo: boolean; canRedo: boolean } {
    return this.undoState
  }

  /** True once the copy kept in this browser has been read (or there is none). */
  isLocallyLoaded(): boolean {
    return this.localLoaded || this.local === null
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

  private readPeers(): void {
    const peers: Peer[] = []
    this.provider.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.doc.clientID) return
      const peer = toPeer(clientId, state)
      if (peer) peers.push(peer)
    })
    peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId)
    this.peers = peers
    this.emit('peers')
  }

  private setConnection(next: ConnectionState): void {
    if (this.destroyed) return
    const current = this.connection
    if (current.status === next.status && current.unsynced === next.unsynced) return
    this.connection = next
    this.emit('connection')
  }

  // ---- edits ---------------------------------------------------------------------------------

  private transact(fn: () => void): void {
    this.doc.transact(fn, LocalOrigin)
  }

  /** Adds a free canvas board. */
  addBoard(title: string): string {
    const id = nanoid()
    const board: BoardRecord = {
      id,
      title: title.slice(0, BOARD_TITLE_MAX),
      order: orderAtEnd(this.boards),
      template: 'canvas',
      showHelp: false,
      linkedBoardId: '',
    }
    this.transact(() => this.maps.boards.set(id, createRecordMap(board)))
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
   * Validates a whole plan against the current document and applies it in one transaction, or
   * throws PlanRejectedError with the first validator message and writes nothing.
   */
  applyPlan(plan: DocumentPlan): void {
    const checked = checkPlan(this.maps, plan)
    this.transact(() => writePlan(this.maps, checked))
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
    const map = this.maps.boards.get(id)
    if (!map) return
    this.transact(() => patchRecordMap(map, { title: title.slice(0, BOARD_TITLE_MAX) }))
  }

  moveBoard(id: string, toIndex: number): void {
    const order = planReorder(this.boards, id, toIndex)
    const map = this.maps.boards.get(id)
    if (order === null || !map) return
    this.transact(() => patchRecordMap(map, { order }))
  }

  /** Deletes a board and everything on it, as one undoable step. */
  deleteBoard(id: string): void {
    this.transact(() => {
      for (const itemId of this.getItemIds(id)) this.maps.items.delete(itemId)
      this.maps.boards.delete(id)
    })
  }

  createNote(boardId: string, init: Partial<Omit<NoteRecord, 'id' | 'kind' | 'boardId'>>): string {
    const id = nanoid()
    const note: NoteRecord = {
      id,
      kind: 'note',
      boardId,
      x: init.x ?? 0,
      y: init.y ?? 0,
      w: init.w ?? NOTE_DEFAULT_SIZE,
      h: init.h ?? NOTE_DEFAULT_SIZE,
      color: init.color ?? 'yellow',
      text: (init.text ?? '').slice(0, NOTE_TEXT_MAX),
      createdAt: init.createdAt ?? Date.now(),
      sdgs: init.sdgs ?? [],
      dimension: init.dimension ?? '',
    }
    const checked = validateNote(note)
    if (!checked.ok) throw new Error(checked.error)
    this.transact(() => this.maps.items.set(id, createRecordMap(note)))
    return id
  }

  updateNote(id: string, patch: NotePatch): void {
    const map = this.maps.items.get(id)
    const current = this.getNote(id)
    if (!map || !current) return
    const next = { ...current, ...patch, text: (patch.text ?? current.text).slice(0, NOTE_TEXT_MAX) }
    const checked = validateNote(next)
    if (!checked.ok) throw new Error(checked.error)
    this.transact(() => patchRecordMap(map, { ...patch, ...(patch.text !== undefined ? { text: next.text } : {}) }))
  }

  /** Applies a move planned by `planMove` in one transaction (one undo step, one update). */
  moveItems(patches: readonly PositionPatch[]): void {
    if (patches.length === 0) return
    this.transact(() => {
      for (const { id, x, y } of patches) {
        const map = this.maps.items.get(id)
        if (map && Number.isFinite(x) && Number.isFinite(y)) patchRecordMap(map, { x, y })
      }
    })
  }

  deleteItems(ids: Iterable<string>): void {
    this.transact(() => {
      for (const id of ids) this.maps.items.delete(id)
    })
  }

  /** Ends the current undo step so the next edit is undone separately. */
  stopCapturing(): void {
    this.undoManager.stopCapturing()
  }

  undo(): void {
    this.undoManager.undo()
  }

  redo(): void {
    this.undoManager.redo()
  }

  // ---- presence ------------------------------------------------------------------------------

  /**
   * This person's presence, kept here as well as in awareness: a component tearing down after the
   * store was destroyed (switching workshops) may still read or publish it, and must not crash.
   */
  private presence!: AwarenessState

  private setAwareness(state: AwarenessState): void {
    this.presence = state
    if (!this.destroyed) this.provider.awareness.setLocalState(state)
  }

  private localAwareness(): AwarenessState {
    return this.presence
  }

  getSelfName(): string {
    return this.localAwareness().user.name
  }

  getSelfColor(): string {
    return this.localAwareness().user.color
  }

  setUserName(name: string): void {
    const state = this.localAwareness()
    this.setAwareness({ ...state, user: { ...state.user, name } })
  }

  setViewedBoard(boardId: string | null): void {
    const state = this.localAwareness()
    if (state.boardId !== boardId) this.setAwareness({ ...state, boardId })
  }

  setCursor(cursor: AwarenessState['cursor']): void {
    this.setAwareness({ ...this.localAwareness(), cursor })
  }

  /** Publishes what this person looks at on a canvas, for people who follow them. */
  setView(view: AwarenessState['view']): void {
    const state = this.localAwareness()
    const same = state.view === view || (state.view && view && state.view.boardId === view.boardId && state.view.x === view.x && state.view.y === view.y && state.view.scale === view.scale)
    if (!same) this.setAwareness({ ...state, view })
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', this.onBrowserOffline)
      window.removeEventListener('online', this.onBrowserOnline)
    }
    this.undoManager.destroy()
    this.control.destroy()
    this.provider.awareness.setLocalState(null)
    this.provider.destroy()
    void this.local?.destroy()
    this.doc.destroy()
    this.listeners.clear()
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

function navigatorOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
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

/** Awareness comes from other clients: read it defensively. */
function toPeer(clientId: number, state: unknown): Peer | null {
  if (typeof state !== 'object' || state === null) return null
  const s = state as Partial<AwarenessState>
  const name = typeof s.user?.name === 'string' ? s.user.name.slice(0, 40) : ''
  const color = typeof s.user?.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(s.user.color) ? s.user.color : peerColor(clientId)
  const c = s.cursor
  const cursor =
    c && typeof c.boardId === 'string' && Number.isFinite(c.x) && Number.isFinite(c.y)
      ? { boardId: c.boardId, x: c.x, y: c.y }
      : null
  const v = s.view
  const view =
    v && typeof v.boardId === 'string' && Number.isFinite(v.x) && Number.isFinite(v.y) && Number.isFinite(v.scale) && v.scale > 0
      ? { boardId: v.boardId, x: v.x, y: v.y, scale: v.scale }
      : null
  // Stamped by the server from the person's token; anything the client claimed there is replaced.
  const access = (state as { access?: { role?: unknown; participantId?: unknown } }).access
  const role = access?.role === 'facilitator' || access?.role === 'participant' || access?.role === 'observer' ? access.role : null
  const participantId = typeof access?.participantId === 'string' ? access.participantId : ''
  return { clientId, name, color, cursor, boardId: typeof s.boardId === 'string' ? s.boardId : null, view, role, participantId }
}

export { PlanRejectedError } from '../../../shared/doc/applyPlan'
