import { localImage } from '../canvas/images/imageQueue'

/**
 * Photos for workshops kept available offline. The service worker answers `GET /api/images/<hash>`
 * from this same Cache Storage cache (CacheFirst, see vite.config.ts), so a photo put here is
 * shown with no network. Photos are addressed by the hash of their bytes: a cached copy never goes
 * stale and never needs revalidating.
 */
export const IMAGE_CACHE = 'samskap-images'
const PARALLEL = 4

export interface CacheProgress {
  done: number
  total: number
}

export interface CacheResult {
  /** Photos on this device now: in the cache, or still waiting in this browser's upload queue. */
  available: number
  /** Hashes that could not be fetched (offline, or not uploaded yet by whoever added them). */
  missing: string[]
}

export function offlineCacheSupported(): boolean {
  return typeof caches !== 'undefined'
}

export function imageUrl(hash: string): string {
  return `/api/images/${hash}`
}

/** Makes sure each photo is on this device, fetching what is missing; never throws for one photo. */
export async function cacheImages(hashes: readonly string[], onProgress?: (progress: CacheProgress) => void): Promise<CacheResult> {
  const cache = await caches.open(IMAGE_CACHE)
  const missing: string[] = []
  let done = 0
  const queue = [...new Set(hashes)]
  const total = queue.length
  onProgress?.({ done, total })
  async function one(hash: string): Promise<void> {
    const url = imageUrl(hash)
    try {
      const have = (await cache.match(url)) ?? (await localImage(hash))
      if (!have) {
        const response = await fetch(url)
        if (response.ok) await cache.put(url, response)
        else missing.push(hash)
      }
    } catch {
      missing.push(hash)
    }
    done++
    onProgress?.({ done, total })
  }
  async function worker(): Promise<void> {
    for (let hash = queue.shift(); hash !== undefined; hash = queue.shift()) await one(hash)
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, total) }, worker))
  return { available: total - missing.length, missing }
}
