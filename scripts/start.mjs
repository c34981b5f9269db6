// `npm start`: build the client and the server if a build is missing or older than its sources, then
// run the built server (dist-server/main.mjs, plain JavaScript: no TypeScript loader to start), which
// serves the client's build and the sync endpoint on one port.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = new URL('..', import.meta.url).pathname

function newestMtime(path) {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** A build is stale when it is missing or any of its sources changed after it was written. */
function stale(built, sources) {
  return !existsSync(built) || Math.max(...sources.map((source) => newestMtime(join(root, source)))) > statSync(built).mtimeMs
}

if (stale(join(root, 'dist', 'index.html'), ['client', 'shared'])) {
  console.log('Building the client…')
  const build = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const { buildServer, serverEntry } = await import('./build-server.mjs')
// package-lock.json: the bundle holds the dependencies' code, so an `npm install` of a new version rebuilds it.
if (stale(serverEntry, ['server', 'shared', 'package-lock.json'])) {
  console.log('Building the server…')
  await buildServer()
}

process.env.STATIC_DIR ??= join(root, 'dist')
await import(pathToFileURL(serverEntry).href)
