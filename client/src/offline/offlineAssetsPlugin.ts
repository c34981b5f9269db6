import type { Plugin, Rollup } from 'vite'

/** The file the build writes with every script and stylesheet, for `warmAppCache` (board routes). */
export const OFFLINE_ASSETS_FILE = 'offline-assets.json'

/** The route chunks a phone precaches: the resident's page and joining by code (App.tsx's loaders). */
const PHONE_ROUTE_PAGES = [/\/src\/phone\/PhonePage\.tsx$/, /\/src\/join\/JoinPage\.tsx$/]
/** Each language's phone strings (localeBundlePlugin.ts), so the language switch works offline too. */
const CORE_STRINGS = /samskap-locale:[a-z]{2}:core$/

/**
 * Splits what the service worker keeps. Its precache (what every visitor's phone downloads when the
 * worker installs) holds only the phone and join routes' scripts and styles: the entry, those two
 * pages, what they import and the five languages' phone strings, besides index.html and the icons.
 * Every other chunk (the board, the canvas, exports, the full strings) is cached when it is first
 * fetched (the worker's `samskap-app` cache), and the pages beyond the phone's fill that cache
 * with all of them at once (`warmAppCache`, from the list this plugin writes), so a facilitator or
 * a politician on a study trip who opened the app once with network has all of it offline.
 *
 * `precacheTransform` is Workbox's manifest transform; it uses what `generateBundle` found, which
 * runs first (vite-plugin-pwa writes the worker when the bundle is written).
 */
export function offlineAssets(): { plugin: Plugin; precacheTransform: PrecacheTransform } {
  let phoneShell: ReadonlySet<string> | null = null
  const plugin: Plugin = {
    name: 'samskap-offline-assets',
    apply: 'build',
    generateBundle(_options, bundle) {
      phoneShell = phoneShellFiles(bundle)
      const all = Object.keys(bundle)
        .filter((file) => /^assets\/.*\.(js|css)$/.test(file))
        .sort()
        .map((file) => `/${file}`)
      this.emitFile({ type: 'asset', fileName: OFFLINE_ASSETS_FILE, source: JSON.stringify(all) })
    },
  }
  const precacheTransform: PrecacheTransform = (entries) => {
    if (!phoneShell) throw new Error('offlineAssets: the precache list was asked for before the bundle was generated')
    const shell = phoneShell
    // Outside assets/: index.html, the icons, the web manifest, the worker's registration.
    // The icons come both from `includeAssets` and the glob: once is enough.
    const seen = new Set<string>()
    const manifest = entries.filter((entry) => {
      if (seen.has(entry.url)) return false
      seen.add(entry.url)
      return !entry.url.startsWith('assets/') || shell.has(entry.url)
    })
    return Promise.resolve({ manifest, warnings: [] })
  }
  return { plugin, precacheTransform }
}

/** Workbox's `manifestTransforms` entry (workbox-build's ManifestTransform, without depending on it). */
type PrecacheTransform = <E extends { url: string }>(entries: E[]) => Promise<{ manifest: E[]; warnings: string[] }>

/** The phone and join routes' files: their chunks, what those import statically, and their styles; and what the phone page loads lazily. */
export function phoneShellFiles(bundle: Rollup.OutputBundle): Set<string> {
  const chunks = Object.values(bundle).filter((output): output is Rollup.OutputChunk => output.type === 'chunk')
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const roots = chunks.filter((chunk) => {
    const id = chunk.facadeModuleId ?? ''
    return chunk.isEntry || PHONE_ROUTE_PAGES.some((page) => page.test(id)) || CORE_STRINGS.test(id)
  })
  if (roots.filter((chunk) => !chunk.isEntry && !CORE_STRINGS.test(chunk.facadeModuleId ?? '')).length !== PHONE_ROUTE_PAGES.length) {
    throw new Error('offlineAssets: the phone or the join page has no chunk of its own; see App.tsx')
  }
  const files = new Set<string>()
  const visit = (chunk: Rollup.OutputChunk): void => {
    if (files.has(chunk.fileName)) return
    files.add(chunk.fileName)
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css)
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(asset)
    for (const imported of chunk.imports) {
      const next = byFile.get(imported)
      if (next) visit(next)
    }
  }
  for (const root of roots) visit(root)
  // What the phone page fetches only when asked (its name dialog) must open offline too.
  for (const root of roots.filter((chunk) => PHONE_ROUTE_PAGES[0]!.test(chunk.facadeModuleId ?? ''))) {
    for (const lazy of root.dynamicImports) {
      const next = byFile.get(lazy)
      if (next) visit(next)
    }
  }
  return files
}
