import type { Logger } from '../log'
import type { ServerMetrics } from '../metrics'
import type { Persistence } from '../persistence/Persistence'
import type { Fanout, RoomChannel } from '../scaleout/RoomChannel'
import { CloseCode } from '../../shared/protocol'
import { Room, type RoomOptions } from './Room'
import { companionDocumentId, type RoomExtension, type RoomExtensionFactory } from './RoomExtension'

export interface RoomRegistryOptions {
  persistence: Persistence
  log: Logger
  unloadDelayMs: number
  compactEvery: number
  /** See RoomOptions.writeRetryMs. */
  writeRetryMs?: number
  /** Other instances (Redis); each loaded room subscribes to its workshop's channel. */
  fanout?: Fanout
  metrics?: ServerMetrics
  /** What each room is made of above sync, in hook order (RoomExtension.ts); none: plain sync. */
  extensions?: readonly RoomExtensionFactory[]
  /** See RoomOptions.maxStoredBytes. */
  maxStoredBytes?: number
}

/** A socket waiting for its room to load (SyncConnection.offerStoredReply). */
export interface EarlyJoiner {
  offerStoredReply(reply: Uint8Array): Promise<void>
}

/**
 * How long a room's load waits for its early replies to be written before decoding the document: a
 * slow client must not hold the room back for everyone else.
 */
const STORED_REPLY_WAIT_MS = 500

/** Another instance deleted the workshop while this one loaded it: the joining socket is closed with its code and reason. */
export class WorkshopClosedError extends Error {
  constructor(
    readonly code: CloseCode,
    readonly reason: string,
  ) {
    super(`workshop closed on another instance: ${reason}`)
  }
}

/**
 * Loaded rooms by workshop id. A room is loaded once, however many sockets ask at the same time,
 * and unloaded `unloadDelayMs` after its last socket left unless someone joins meanwhile. A join
 * during an unload waits for the unload to finish and then loads the room afresh from disk.
 */
export class RoomRegistry {
  readonly #options: RoomRegistryOptions
  readonly #loaded = new Map<string, Room>()
  readonly #loading = new Map<string, Promise<Room>>()
  /** Joiners waiting on a room's load, and its stored reply once read (Room.load's onStoredReply). */
  readonly #waitingOnLoad = new Map<string, { joiners: Set<EarlyJoiner>; reply: Uint8Array | null }>()
  readonly #unloading = new Map<string, Promise<void>>()
  readonly #unloadTimers = new Map<string, NodeJS.Timeout>()
  /** Rooms held open by the server itself (`withRoom`), by how many holders: not unloaded meanwhile. */
  readonly #held = new Map<string, number>()
  #closing = false

  constructor(options: RoomRegistryOptions) {
    this.#options = options
  }

  /**
   * Resolves once no unload of the workshop is under way: a room leaves `rooms()` as its unload
   * begins, and its last writes commit (on the writer thread) after that. Read it from storage after this.
   */
  async unloaded(workshopId: string): Promise<void> {
    await this.#unloading.get(workshopId)
  }

  loadedWorkshopIds(): string[] {
    return [...this.#loaded.keys()]
  }

  get size(): number {
    return this.#loaded.size
  }

  /**
   * Resolves with the loaded room. The caller must add its connection in the same turn. A `joiner`
   * waiting on the load is offered the stored document's reply as soon as it is read (Room.load).
   */
  async acquire(workshopId: string, joiner?: EarlyJoiner): Promise<Room> {
    for (;;) {
      if (this.#closing) throw new Error('server is shutting down')
      const unloading = this.#unloading.get(workshopId)
      if (unloading) {
        await unloading
        continue
      }
      const loaded = this.#loaded.get(workshopId)
      if (loaded) {
        this.#cancelUnload(workshopId)
        return loaded
      }
      let loading = this.#loading.get(workshopId)
      if (!loading) {
        this.#waitingOnLoad.set(workshopId, { joiners: new Set(), reply: null })
        loading = this.#load(workshopId)
        this.#loading.set(workshopId, loading)
      }
      const waiting = this.#waitingOnLoad.get(workshopId)
      if (joiner && waiting) {
        if (waiting.reply) void joiner.offerStoredReply(waiting.reply)
        else waiting.joiners.add(joiner)
      }
      await loading
    }
  }

  /**
   * Opens a workshop's room for the server's own write (the action register's write-back) and keeps
   * it loaded until `write` is done, so what it writes is stored, broadcast to everyone who has the
   * workshop open and published to the other instances like any change; then the room unloads as
   * if its last socket had left.
   */
  async withRoom<T>(workshopId: string, write: (room: Room) => Promise<T>): Promise<T> {
    const room = await this.acquire(workshopId)
    this.#held.set(workshopId, (this.#held.get(workshopId) ?? 0) + 1)
    try {
      return await write(room)
    } finally {
      const left = (this.#held.get(workshopId) ?? 1) - 1
      if (left > 0) this.#held.set(workshopId, left)
      else this.#held.delete(workshopId)
      if (left === 0 && room.connections.size === 0) this.#scheduleUnload(room)
    }
  }

  async #load(workshopId: string): Promise<Room> {
    const log = this.#options.log.child({ workshopId })
    let room: Room | undefined
    try {
      const started = performance.now()
      room = await this.#loadDocument(workshopId, log, {
        onIdle: (idle) => this.#scheduleUnload(idle),
        onBroken: (broken) => this.#drop(broken),
        onStoredReply: (reply) => this.#offerStoredReply(workshopId, reply),
        onClosedElsewhere: (closed, code, reason) => this.#closeForDeletion(closed, code, reason),
      })
      const main = room
      const tools = { log, loadCompanion: (name: string) => this.#loadCompanion(main, name, log) }
      const extensions: RoomExtension[] = []
      for (const factory of this.#options.extensions ?? []) extensions.push(await factory(main, tools))
      room.attachExtensions(extensions)
      const closed = room.closedElsewhere
      if (closed) {
        // Another instance deleted the workshop while it loaded here.
        await room.discard()
        throw new WorkshopClosedError(closed.code, closed.reason)
      }
      this.#loaded.set(workshopId, room)
      log.info({ ms: Math.round(performance.now() - started) }, 'room loaded')
      return room
    } catch (error) {
      room?.destroy()
      throw error
    } finally {
      this.#loading.delete(workshopId)
      this.#waitingOnLoad.delete(workshopId)
    }
  }

  /** Offers the stored reply to every joiner waiting on the load; resolves when it is written to them (at most STORED_REPLY_WAIT_MS). */
  async #offerStoredReply(workshopId: string, reply: Uint8Array): Promise<void> {
    const waiting = this.#waitingOnLoad.get(workshopId)
    if (!waiting) return
    waiting.reply = reply
    const written = [...waiting.joiners].map((joiner) => joiner.offerStoredReply(reply))
    waiting.joiners.clear()
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STORED_REPLY_WAIT_MS)
    })
    await Promise.race([Promise.all(written), late])
    clearTimeout(timer)
  }

  /** A companion document belongs to its room: loaded with it, stored with it, never registered on its own. */
  async #loadCompanion(main: Room, name: string, log: Logger): Promise<Room> {
    const companion = await this.#loadDocument(companionDocumentId(main.workshopId, name), log.child({ document: name }), {
      onIdle: () => undefined,
      onBroken: () => {
        main.closeConnections(CloseCode.ServerError, 'The server could not save; please reconnect')
        this.#drop(main)
      },
    })
    main.adoptCompanion(companion)
    return companion
  }

  async #loadDocument(
    documentId: string,
    log: Logger,
    callbacks: Pick<RoomOptions, 'onIdle' | 'onBroken' | 'onStoredReply' | 'onClosedElsewhere'>,
  ): Promise<Room> {
    let channel: RoomChannel | undefined
    try {
      // Subscribe before reading the database: an update committed after the read arrives on the
      // channel (held until the room attaches), one committed before it is in the read.
      channel = await this.#options.fanout?.join(documentId)
      return await Room.load({
        workshopId: documentId,
        persistence: this.#options.persistence,
        log,
        compactEvery: this.#options.compactEvery,
        ...callbacks,
        writeRetryMs: this.#options.writeRetryMs,
        channel,
        metrics: this.#options.metrics,
        maxStoredBytes: this.#options.maxStoredBytes,
      })
    } catch (error) {
      channel?.leave()
      throw error
    }
  }

  #scheduleUnload(room: Room): void {
    if (this.#closing || this.#loaded.get(room.workshopId) !== room) return
    this.#cancelUnload(room.workshopId)
    const timer = setTimeout(() => {
      this.#unloadTimers.delete(room.workshopId)
      if (room.connections.size === 0 && !this.#held.has(room.workshopId)) this.#unload(room)
    }, this.#options.unloadDelayMs)
    this.#unloadTimers.set(room.workshopId, timer)
  }

  #cancelUnload(workshopId: string): void {
    const timer = this.#unloadTimers.get(workshopId)
    if (timer) clearTimeout(timer)
    this.#unloadTimers.delete(workshopId)
  }

  #unload(room: Room): Promise<void> {
    const { workshopId } = room
    this.#loaded.delete(workshopId)
    const unloading = room
      .unload()
      .then(() => this.#options.log.info({ workshopId }, 'room unloaded'))
      .catch((error: unknown) => this.#options.log.error({ err: error, workshopId }, 'unload failed'))
      .finally(() => this.#unloading.delete(workshopId))
    this.#unloading.set(workshopId, unloading)
    return unloading
  }

  #drop(room: Room): void {
    if (this.#loaded.get(room.workshopId) === room) this.#loaded.delete(room.workshopId)
    this.#cancelUnload(room.workshopId)
    room.destroy()
  }

  /**
   * Another instance is deleting the workshop: its sockets here close with the same code and reason,
   * and the room is freed without writing anything more (Room.discard). A join meanwhile waits for
   * that, as for an unload.
   */
  #closeForDeletion(room: Room, code: CloseCode, reason: string): void {
    const { workshopId } = room
    // Still loading: #load discards it once loaded. Already unloading: its last writes finish first.
    if (this.#loaded.get(workshopId) !== room) return
    this.#options.log.info({ workshopId, code }, 'workshop deleted on another instance; closing its room')
    room.closeConnections(code, reason)
    this.#loaded.delete(workshopId)
    this.#cancelUnload(workshopId)
    const discarding = room
      .discard()
      .catch((error: unknown) => this.#options.log.error({ err: error, workshopId }, 'discarding the room failed'))
      .finally(() => this.#unloading.delete(workshopId))
    this.#unloading.set(workshopId, discarding)
  }

  /**
   * Closes a workshop's sockets with `code` and unloads its room now, on this instance and on every
   * other that has it loaded (which drop theirs without writing: `#closeForDeletion`), resolving
   * once its last writes everywhere are done: before a workshop is deleted, so nothing of it is
   * written afterwards.
   */
  async evict(workshopId: string, code: CloseCode, reason: string): Promise<void> {
    await Promise.all([this.#options.fanout?.closeEverywhere(workshopId, code, reason), this.#evictHere(workshopId, code, reason)])
  }

  async #evictHere(workshopId: string, code: CloseCode, reason: string): Promise<void> {
    await this.#loading.get(workshopId)?.catch(() => undefined)
    const room = this.#loaded.get(workshopId)
    if (room) {
      room.closeConnections(code, reason)
      this.#cancelUnload(workshopId)
      await this.#unload(room)
    } else {
      await this.#unloading.get(workshopId)
    }
  }

  /** Saves and frees every room. Connections must have been closed (or be closing) already. */
  async close(): Promise<void> {
    this.#closing = true
    for (const timer of this.#unloadTimers.values()) clearTimeout(timer)
    this.#unloadTimers.clear()
    await Promise.allSettled(this.#loading.values())
    const unloads = [...this.#loaded.values()].map((room) => this.#unload(room))
    await Promise.allSettled([...unloads, ...this.#unloading.values()])
  }

  /** Every loaded room; for shutdown and health checks. */
  rooms(): Room[] {
    return [...this.#loaded.values()]
  }
}
