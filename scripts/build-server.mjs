// `npm run build:server` (and `npm start` when the server's sources are newer than the build): bundles
// server/main.ts and its two worker threads into dist-server/, plain JavaScript that `node` starts
// without a TypeScript loader. Under tsx the server took ~2 s of CPU to start (the loader's hooks,
// compiling every TypeScript file, resolving ~400 files of dependencies one by one); every second
// of that is a second residents' phones wait after a restart (bench (f)). tsx stays for development
// (`npm run serve`) and the tests.
//
// Not in dist/: `vite build` empties dist/, and the server serves dist/ to the world.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = new URL('..', import.meta.url).pathname
export const serverOutDir = join(root, 'dist-server')
/** What `node` runs: `npm start` imports it, the bench starts it. */
export const serverEntry = join(serverOutDir, 'main.mjs')

/**
 * Left to node_modules, loaded as they are: better-sqlite3 finds its compiled addon relative to its own
 * files, and pg only requires pg-native (not installed) when asked for `pg.native`.
 */
const external = ['better-sqlite3', 'pg-native']

/** `outDir` must lie inside the checkout: the bundle finds better-sqlite3 in node_modules from there. */
export async function buildServer(outDir = serverOutDir) {
  rmSync(outDir, { recursive: true, force: true })
  await build({
    absWorkingDir: root,
    // The bundle looks for its workers beside itself (`new URL('./x.mjs', import.meta.url)` in
    // SqliteUpdateWriter.ts and importInWorker.ts), so all three land flat in one folder.
    entryPoints: [
      { in: 'server/main.ts', out: 'main' },
      { in: 'server/persistence/sqliteWriterWorker.mjs', out: 'sqliteWriterWorker' },
      // The source entry registers tsx before importing the worker; the built one is the worker itself.
      { in: 'server/http/importWorker.ts', out: 'importWorkerEntry' },
    ],
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // What the server imports only when configured (PostgreSQL, Redis, OIDC) goes into chunks of its
    // own, neither read nor compiled by a server that does not use it.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    external,
    // CommonJS dependencies (pino, ioredis, pg …) call require() for Node's own modules, which an ES
    // module has no binding for.
    banner: { js: "import { createRequire as __samskapCreateRequire } from 'node:module'; const require = __samskapCreateRequire(import.meta.url);" },
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
  })
}

// `node scripts/build-server.mjs [outDir]`: the tests build into a folder of their own.
if (import.meta.url === `file://${process.argv[1]}`) await buildServer(process.argv[2] ? resolve(process.argv[2]) : serverOutDir)
