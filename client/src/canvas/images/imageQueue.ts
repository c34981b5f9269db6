import { IMAGE_MAX_BYTES, type ImageMime } from '../../../../shared/schema/records/image'
import { loadAccess } from '../../access/workshopAccess'

/**
 * Photos waiting for the server. The blob is kept in IndexedDB (not in the Yjs document, which
 * everyone downloads whole) until `POST /api/images` succeeds, so a photo added offline, or in a
 * tab that was closed before the upload ended, is uploaded on the next start or 'online' event.
 * While the server does not have it, the canvas draws it from the local blob. Each photo is
 * uploaded for the workshop it was added to, with the token this browser keeps for that workshop
 * (the server takes photos only from people who may write there).
 */

export type UploadState =
  | { status: 'pending' } // waiting for the network
  | { status: 'uploading' }
  | { status: 'done' }
  | { status: 'failed'; message: string } // the server refused it: retrying would not help

interface PendingImage {
  hash: string
  mime: ImageMime
  blob: Blob
  addedAt: number
  /** Missing on photos queued before uploads named their workshop: sent for the open workshop. */
  workshopId?: string
}

const DB_NAME = 'samskap-images'
const STORE = 'pending'
const RETRY_MS = 5000

let dbPromise: Promise<IDBDatabase> | null = null
function db(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1)
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'hash' })
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'))
  })
  return dbPromise
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await db()
  return new Promise((resolve, reject) => {
    const request = run(database.transaction(STORE, mode).objectStore(STORE))
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
  })
}

const blobs = new Map<string, Blob>()
const workshopOf = new Map<string, string>()
/** The workshop of the page that started the queue: where photos queued without one go. */
let openWorkshopId: string | null = null
const states = new Map<string, UploadState>()
const listeners = new Map<string, Set<() => void>>()
const errorListeners = new Set<(hash: string, message: string) => void>()
let running = false
let retryTimer: ReturnType<typeof setTimeout> | null = null
let started = false

function setState(hash: string, state: UploadState): void {
  states.set(hash, state)
  for (const listener of listeners.get(hash) ?? []) listener()
}

export function subscribeUpload(hash: string, listener: () => void): () => void {
  let set = listeners.get(hash)
  if (!set) listeners.set(hash, (set = new Set()))
  set.add(listener)
  return () => set.delete(listener)
}

export function getUploadState(hash: string): UploadState | undefined {
  return states.get(hash)
}

/** Called with the server's message when it refuses a photo. */
export function onUploadError(listener: (hash: string, message: string) => void): () => void {
  errorListeners.add(listener)
  return () => errorListeners.delete(listener)
}

/** The photo's bytes if this browser still holds them (added here and not yet uploaded). */
export async function localImage(hash: string): Promise<Blob | undefined> {
  const cached = blobs.get(hash)
  if (cached) return cached
  try {
    const entry = await tx<PendingImage | undefined>('readonly', (s) => s.get(hash) as IDBRequest<PendingImage | undefined>)
    if (entry) blobs.set(hash, entry.blob)
    return entry?.blob
  } catch {
    return undefined
  }
}

/** Keeps the photo locally and uploads it as soon as the network allows. */
export async function enqueueImage(workshopId: string, hash: string, mime: ImageMime, blob: Blob): Promise<void> {
  blobs.set(hash, blob)
  workshopOf.set(hash, workshopId)
  setState(hash, { status: 'pending' })
  try {
    await tx('readwrite', (s) => s.put({ hash, mime, blob, addedAt: Date.now(), workshopId } satisfies PendingImage))
  } catch {
    // Private windows may refuse IndexedDB: the photo still uploads from memory in this tab.
  }
  void uploadPending()
}

/** Starts the queue once per page: uploads what earlier sessions left and listens for 'online'. */
export function startImageUploads(workshopId: string): void {
  openWorkshopId = workshopId
  if (started || typeof window === 'undefined') return
  started = true
  window.addEventListener('online', () => void uploadPending())
  void uploadPending()
}

async function uploadPending(): Promise<void> {
  if (running) return
  running = true
  if (retryTimer !== null) clearTimeout(retryTimer)
  retryTimer = null
  let networkDown = false
  try {
    let stored: PendingImage[] = []
    try {
      stored = await tx<PendingImage[]>('readonly', (s) => s.getAll() as IDBRequest<PendingImage[]>)
    } catch {
      stored = []
    }
    const queue = new Map<string, { mime: ImageMime; blob: Blob; workshopId?: string }>()
    for (const entry of stored) queue.set(entry.hash, entry)
    for (const [hash, blob] of blobs) {
      const state = states.get(hash)
      if (!queue.has(hash) && state?.status === 'pending') queue.set(hash, { mime: (blob.type || 'image/png') as ImageMime, blob, workshopId: workshopOf.get(hash) })
    }
    for (const [hash, entry] of queue) {
      if (states.get(hash)?.status === 'failed' || states.get(hash)?.status === 'done') continue
      const workshopId = entry.workshopId ?? openWorkshopId
      if (!workshopId) continue // kept until a workshop page starts the queue
      setState(hash, { status: 'uploading' })
      try {
        const response = await fetch(uploadUrl(workshopId), { method: 'POST', headers: uploadHeaders(workshopId, entry.mime), body: entry.blob })
        if (response.ok) {
          setState(hash, { status: 'done' })
          await tx('readwrite', (s) => s.delete(hash)).catch(() => undefined)
        } else if (response.status >= 400 && response.status < 500) {
          const body = (await response.json().catch(() => ({}))) as { error?: string }
          const message = body.error ?? `HTTP ${response.status}`
          setState(hash, { status: 'failed', message })
          for (const listener of errorListeners) listener(hash, message)
        } else {
          setState(hash, { status: 'pending' })
          networkDown = true
        }
      } catch {
        setState(hash, { status: 'pending' })
        networkDown = true
        break // offline: try the rest later
      }
    }
  } finally {
    running = false
  }
  if (networkDown || [...states.values()].some((s) => s.status === 'pending')) {
    retryTimer = setTimeout(() => void uploadPending(), RETRY_MS)
  }
}

function uploadUrl(workshopId: string): string {
  return `/api/images?workshop=${encodeURIComponent(workshopId)}`
}

/** The token is read at upload time: a link opened after the photo was taken still counts. */
function uploadHeaders(workshopId: string, mime: ImageMime): Record<string, string> {
  const token = loadAccess(workshopId)?.token
  return token ? { 'content-type': mime, authorization: `Bearer ${token}` } : { 'content-type': mime }
}

export const MAX_UPLOAD_BYTES = IMAGE_MAX_BYTES
