import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'

// The client lives in client/; the build lands in dist/ where the server serves it from.
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [
    react(),
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
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Samskap',
        short_name: 'Samskap',
        description: 'En felles tavle for workshoper mellom kommunen og partnerne – også på studietur uten nett.',
        lang: 'nb',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        // --bg and --primary in client/src/styles.css
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
        // The canvas bundle is large; without this Workbox silently leaves it out of the precache.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        navigateFallback: '/index.html',
        // Client routes only (see client/src/app/route.ts; a new page needs its path here to open
        // offline): the API, the sync socket and the probes always go to the server.
        navigateFallbackAllowlist: [/^\/$/, /^\/w\//, /^\/accessibility\/?$/],
        navigateFallbackDenylist: [/^\/api\//, /^\/sync/, /^\/healthz/, /^\/metrics/],
        runtimeCaching: [
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
    emptyOutDir: true,
    sourcemap: true,
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
