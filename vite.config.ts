import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// The client lives in client/; the build lands in dist/ where the server serves it from.
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react()],
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
