import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'
import { localeBundlePlugin } from './client/src/i18n/localeBundlePlugin.ts'
import { offlineAssets } from './client/src/offline/offlineAssetsPlugin.ts'
import { phoneHtml } from './client/src/phone/phoneHtmlPlugin.ts'

/**
 * Writes `<file>.gz` beside every script, stylesheet and page of the build, at the highest level:
 * the server sends it to browsers that accept gzip (server/http/staticFiles.ts), so a phone gets
 * the sizes the phone budget is measured in (tests/e2e/phoneBudget.test.ts) without a proxy.
 */
function precompress(): Plugin {
  return {
    name: 'samskap-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist'
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!/\.(js|css|html|svg)$/.test(fileName)) continue
        const source = output.type === 'chunk' ? output.code : output.source
        writeFileSync(join(outDir, `${fileName}.gz`), gzipSync(source, { level: 9 }))
      }
    },
  }
}

// What the service worker precaches (the phone's and join's routes) and the list the board's routes
// cache the rest from: client/src/offline/offlineAssetsPlugin.ts.
const offline = offlineAssets()

// The client lives in client/; the build lands in dist/ where the server serves it from.
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  resolve: {
    // yjs logs two warnings through lib0/logging, which brings a DOM console and colour detection
    // (~1 KB gzipped) onto every page, the phone's too: client/src/lib/yjsLogging.ts says the same.
    alias: [{ find: /^lib0\/logging$/, replacement: fileURLToPath(new URL('./client/src/lib/yjsLogging.ts', import.meta.url)) }],
  },
  plugins: [
    react(),
    // One module per language with its fallbacks filled in: the app downloads only the current one.
    localeBundlePlugin(fileURLToPath(new URL('./client/src/i18n/locales', import.meta.url))),
    // phone.html: index.html naming the phone page's chunks, so they download beside the entry.
    phoneHtml(fileURLToPath(new URL('./client/src/i18n/locales', import.meta.url))),
    precompress(),
    offline.plugin,
    // An installable app that opens with no network (study trips): Workbox precaches the built shell,
    // answers client routes with index.html, and keeps photos (immutable by hash) once fetched.
    // The workshop documents themselves live in IndexedDB (y-indexeddb), not in the service worker.
    VitePWA({
      strategies: 'generateSW',
      // Registers /sw.js from a tiny script in index.html; no code in main.tsx.
      injectRegister: 'script',
      // No surprise reloads in the middle of a workshop: a new version takes over when every tab is
      // closed. clientsClaim makes the first install control the open page at once.
      registerType: 'prompt',
      // favicon.svg and apple-touch-icon.png are precached by the glob below (no `includeAssets`: it listed them twice).
      manifest: {
        name: 'Samskap',
        short_name: 'Samskap',
        description: 'En felles tavle for workshoper mellom kommunen og partnerne – også på studietur uten nett.',
        lang: 'nb',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        // --bg and --primary in client/src/styles/base.css
        background_color: '#fbf8f3',
        theme_color: '#fbf8f3',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Only the phone's and join's routes are precached (every visitor's phone downloads the
        // precache: at most 300 KB, tests/e2e/phonePrecache.test.ts); the rest is cached on first
        // fetch and, from the board's routes, all at once (the `samskap-app` cache below).
        manifestTransforms: [offline.precacheTransform],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        navigateFallback: '/index.html',
        // Client routes only (see client/src/app/route.ts; a new page needs its path here to open
        // offline): the API, the sync socket and the probes always go to the server.
        navigateFallbackAllowlist: [/^\/$/, /^\/w\//, /^\/join(\/|$)/, /^\/accessibility\/?$/],
        // A resident's page gets phone.html instead (the route below), as it does from the server.
        navigateFallbackDenylist: [/^\/api\//, /^\/sync/, /^\/healthz/, /^\/metrics/, /^\/w\/[^/]+\/phone\/?$/],
        runtimeCaching: [
          {
            // `/w/<id>/phone` opens with the note box already in the page, warm as cold (client/src/phone/phoneShell.ts):
            // phone.html from the precache (Workbox keys it with its revision, hence ignoreSearch), index.html if
            // a worker from before phone.html was precached still answers, the network last.
            urlPattern: ({ request, url }) => request.mode === 'navigate' && /^\/w\/[^/]+\/phone\/?$/.test(url.pathname),
            handler: async ({ request }) =>
              (await caches.match('/phone.html', { ignoreSearch: true })) ?? (await caches.match('/index.html', { ignoreSearch: true })) ?? fetch(request),
          },
          {
            // Scripts and styles are named by the hash of their content, so a cached copy is never
            // stale. Same cache name as client/src/offline/warmAppCache.ts, which fills it with every
            // one of them on the pages beyond the phone's (the study trip's app opens offline).
            urlPattern: ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && /^\/assets\/[^/]+\.(js|css)$/.test(url.pathname),
            handler: 'CacheFirst',
            options: {
              cacheName: 'samskap-app',
              cacheableResponse: { statuses: [200] },
            },
          },
          {
            // Photos are addressed by the hash of their bytes, so a cached copy is never stale.
            // Same cache name as client/src/offline/imageCache.ts, which fills it for kept workshops.
            urlPattern: ({ url, request }) => request.method === 'GET' && /^\/api\/images\/[0-9a-f]{64}$/.test(url.pathname),
            handler: 'CacheFirst',
            options: {
              cacheName: 'samskap-images',
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: '../dist',
    // No modulepreload polyfill in the entry: every browser but Safari before 17 has modulepreload, and
    // there it only warms the cache. phone.html's inline script does the same for the phone's chunks
    // (client/src/phone/phoneShell.ts), where it matters and costs no script download; elsewhere old
    // Safari fetches the chunks as it meets them.
    modulePreload: { polyfill: false },
    emptyOutDir: true,
    sourcemap: true,
    // dist/.vite/manifest.json: the chunk graph, which tests/e2e/phoneBudget.test.ts walks to keep
    // the phone page within its download budget.
    manifest: true,
    rolldownOptions: {
      treeshake: {
        // lib0's schema builders (lib0/schema.js, imported by lib0/dom.js, which yjs's logging
        // imports) build their schemas at the top level of the module; without being told these
        // calls are pure the bundler keeps every schema and the phone downloads ~2 KB it never runs.
        // Names only lib0 uses at the top level (`match` builds its pattern matchers): a call whose result is used is kept either way.
        manualPureFunctions: ['$constructedBy', '$custom', '$literal', '$instanceOf', '$union', '$object', '$record', '$array', '$tuple', '$lambda', '$intersect', '$stringTemplate', 'match'],
      },
      output: {
        codeSplitting: {
          groups: [
            {
              // The canvas's libraries (konva and react-konva's own React renderer, about 100 KB
              // gzipped) in a chunk of their own, apart from the board's code: the board page loads
              // both, a new release changes only the second, and neither passes vite's 500 kB
              // warning (together they did). Only the workshop page imports it; the phone page
              // never does (tests/e2e/phoneBudget.test.ts). Their dependencies are not pulled in:
              // react and scheduler stay in the entry chunk, not the entry importing this one.
              name: 'canvasLibraries',
              test: /node_modules[\\/](konva|react-konva|react-reconciler|its-fine)[\\/]/,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev`: the Vite dev server proxies sync and API calls to `npm run serve` on 8080.
    proxy: {
      '/sync': { target: 'ws://127.0.0.1:8080', ws: true },
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
})
