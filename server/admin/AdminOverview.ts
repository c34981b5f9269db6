import * as Y from 'yjs'
import { getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { CloseCode } from '../../shared/protocol'
import type { AdminWorkshopRow, AuditActor, StaffMember } from '../../shared/staff'
import type { Logger } from '../log'
import type { Persistence } from '../persistence/Persistence'
import type { PhotoStore } from '../photos/PhotoStore'
import type { SearchIndex } from '../search/SearchIndex'
import type { StaffRow, StaffStorage } from '../staff/StaffStorage'
import type { RoomRegistry } from '../sync/RoomRegistry'

export function staffMember(row: StaffRow): StaffMember {
  return { id: row.id, name: row.name, email: row.email }
}

/** The photo hashes a stored document refers to (its `image` items). */
export function imageHashes(doc: Y.Doc): Set<string> {
  const hashes = new Set<string>()
  for (const item of getWorkshopMaps(doc).items.values()) {
    const hash = item.get('hash')
    if (item.get('kind') === 'image' && typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) hashes.add(hash)
  }
  return hashes
}

/**
 * What the server holds, for an administrator: every workshop with its owner, dates, participants
 * and bytes on disk (document and companion, history, and the photos only it uses), and deleting
 * one completely. Which photos a workshop uses is read from its stored document (the image
 * records); that is remembered per workshop until its stored bytes change, so a second look at the
 * overview reads no documents again.
 */
export class AdminOverview {
  readonly #storage: StaffStorage
  readonly #persistence: Persistence
  readonly #registry: RoomRegistry
  readonly #photos: PhotoStore
  readonly #log: Logger
  readonly #searchIndex: SearchIndex | null
  readonly #deletesAt: (dates: { createdAt: number; lastActivityAt: number | null; keptAt: number | null }) => number | null
  readonly #hashCache = new Map<string, { key: string; hashes: Set<string> }>()

  constructor(options: {
    storage: StaffStorage
    persistence: Persistence
    registry: RoomRegistry
    photos: PhotoStore
    log: Logger
    /** The knowledge bank's index (server/search): a deleted workshop's words go with it. null when search is off. */
    searchIndex?: SearchIndex | null
    /** When retention deletes a workshop (server/retention); null when it is off. */
    deletesAt: (dates: { createdAt: number; lastActivityAt: number | null; keptAt: number | null }) => number | null
  }) {
    this.#storage = options.storage
    this.#persistence = options.persistence
    this.#registry = options.registry
    this.#photos = options.photos
    this.#log = options.log
    this.#searchIndex = options.searchIndex ?? null
    this.#deletesAt = options.deletesAt
  }

  async list(): Promise<AdminWorkshopRow[]> {
    const rows = await this.#storage.overview()
    const owners = new Map((await this.#storage.getStaffMany(rows.flatMap((row) => (row.ownerId ? [row.ownerId] : [])))).map((s) => [s.id, s]))
    const hashesById = new Map<string, Set<string>>()
    for (const row of rows) hashesById.set(row.id, await this.#hashesOf(row.id, `${row.documentBytes}:${row.lastActivityAt}`))
    const users = countUsers(hashesById.values())
    const sizes = await this.#photos.sizes(users.keys())
    return rows.map((row) => {
      const owner = row.ownerId ? owners.get(row.ownerId) : undefined
      let photos = 0
      for (const hash of hashesById.get(row.id) ?? []) if (users.get(hash) === 1) photos += sizes.get(hash) ?? 0
      return {
        id: row.id,
        title: row.title,
        owner: owner ? staffMember(owner) : null,
        createdAt: row.createdAt,
        lastActivityAt: row.lastActivityAt,
        participants: row.participants,
        size: { document: row.documentBytes, history: row.historyBytes, photos },
        deletesAt: this.#deletesAt(row),
      }
    })
  }

  /**
   * Deletes a workshop: its sockets are closed (4404) and its room unloaded first, so nothing of it
   * is written afterwards; then every row in one transaction; then the photo files no other
   * workshop's document refers to. Resolves false when there is no such workshop. `by` is who
   * deleted it: the one audit line that outlives the workshop names them.
   */
  async delete(workshopId: string, by: AuditActor): Promise<boolean> {
    if (!(await this.#persistence.getWorkshop(workshopId))) return false
    await this.#registry.evict(workshopId, CloseCode.WorkshopNotFound, 'This workshop was deleted')
    const rows = await this.#storage.overview()
    const others = new Set<string>()
    let own = new Set<string>()
    for (const row of rows) {
      const hashes = await this.#hashesOf(row.id, `${row.documentBytes}:${row.lastActivityAt}`)
      if (row.id === workshopId) own = hashes
      else for (const hash of hashes) others.add(hash)
    }
    await this.#storage.deleteWorkshop(workshopId, { at: Date.now(), actor: by })
    this.#hashCache.delete(workshopId)
    // After the eviction: an unloading room writes its last changes to the index first.
    await this.#searchIndex?.removeWorkshop(workshopId)
    let removed = 0
    for (const hash of own) {
      if (others.has(hash)) continue
      try {
        if (await this.#photos.delete(hash)) removed++
      } catch (error) {
        this.#log.warn({ err: error, hash }, 'could not delete a photo')
      }
    }
    this.#log.info({ workshopId, photosRemoved: removed }, 'workshop deleted')
    return true
  }

  async #hashesOf(workshopId: string, key: string): Promise<Set<string>> {
    const cached = this.#hashCache.get(workshopId)
    if (cached?.key === key) return cached.hashes
    const stored = await this.#persistence.loadDocument(workshopId)
    const doc = new Y.Doc()
    let hashes: Set<string>
    try {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
      hashes = imageHashes(doc)
    } finally {
      doc.destroy()
    }
    this.#hashCache.set(workshopId, { key, hashes })
    return hashes
  }
}

/** How many workshops refer to each photo. */
function countUsers(sets: Iterable<Set<string>>): Map<string, number> {
  const users = new Map<string, number>()
  for (const set of sets) for (const hash of set) users.set(hash, (users.get(hash) ?? 0) + 1)
  return users
}
