import { defineConfig } from 'vitest/config'

// Four projects: fast unit tests beside the code, server integration through real sockets,
// several server instances against real Redis and PostgreSQL (scale-out), and end-to-end runs in
// real Chromium against the built client (`vite build` runs first in `npm test`).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'scripts/**/*.test.mjs'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/server/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Several server instances against the real Redis and PostgreSQL that
        // scripts/with-test-services.sh starts; one file at a time, since some restart them.
        test: {
          name: 'scaleout',
          environment: 'node',
          include: ['tests/scaleout/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
