/**
 * The rest of the app, for the pages beyond the phone's. The service worker precaches only the
 * phone's and join's routes (offlineAssetsPlugin.ts) and answers every other script and stylesheet
 * from this Cache Storage cache (CacheFirst, vite.config.ts). Here, once a board, quick capture or
 * the home page has opened with network, every one of them is fetched into it, so the study trip's
 * app opens any page offline afterwards; scripts of an older build are dropped from it.
 */
export const APP_CACHE = 'samskap-app'
/** Written by the build (offlineAssetsPlugin.ts, `OFFLINE_ASSETS_FILE`). */
const ASSET_LIST = '/offline-assets.json'
const PARALLEL = 4

let warming: Promise<void> | null = null

/** Fills the app cache once per page load; quietly does nothing offline, in dev or without Cache Storage. */
export function warmAppCache(): Promise<void> {
  warming ??= warm().catch(() => {
    // Offline or a network error: the next page load tries again; what was fetched stays.
    warming = null
  })
  return warming
}

async function warm(): Promise<void> {
  if (typeof caches === 'undefined' || !navigator.onLine) return
  const response = await fetch(ASSET_LIST, { cache: 'no-cache' })
  // The dev server has no list: its modules are not the build's.
  if (!response.ok || !response.headers.get('content-type')?.includes('json')) return
  const urls = parseAssetList(await response.json())
  const cache = await caches.open(APP_CACHE)
  const cached = new Set((await cache.keys()).map((request) => new URL(request.url).pathname))
  const wanted = new Set(urls)
  await Promise.all([...cached].filter((path) => !wanted.has(path)).map((path) => cache.delete(path)))
  const queue = urls.filter((url) => !cached.has(url))
  async function worker(): Promise<void> {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      const asset = await fetch(url)
      if (asset.ok) await cache.put(url, asset)
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
}

/** The build's list of `/assets/…` paths; anything else in it is ignored. */
export function parseAssetList(input: unknown): string[] {
  if (!Array.isArray(input)) return []
  return input.filter((url): url is string => typeof url === 'string' && /^\/assets\/[^/]+\.(js|css)$/.test(url))
}
