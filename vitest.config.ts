import { defineConfig } from 'vitest/config'

// Four projects: fast unit tests beside the code, server integration through real sockets,
// several server instances against real Redis and PostgreSQL (scale-out), and end-to-end runs in
// real Chromium against the built client (`vite build` runs first in `npm test`).
//
// Time (npm test must stay well under 20 minutes on a 2-core machine, README "Test it"): vitest
// gives each file a fresh worker by default, and there most of the time went to starting workers
// and importing the same modules again (the 72 unit files: 80 s, of which 7 s tests). The tests
// here keep no state between files (servers on port 0, temporary folders, their own schema and
// channels), so each project's files share one worker (`isolate: false`): unit 80 -> 13 s,
// integration 82 -> 61 s, scale-out 50 -> 34 s, and the end-to-end files import the server once
// instead of 19 times (measured on the shared 2-core machine, so only roughly). The end-to-end and
// scale-out files still run one at a time, after the rest and one project after the other
// (`groupOrder`: vitest refuses projects with different worker counts in one group).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'scripts/**/*.test.mjs', 'bench/report.test.ts'],
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/server/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          isolate: false,
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
          isolate: false,
          sequence: { groupOrder: 1 },
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
          isolate: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
})
