import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import { getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { toWorkshopExport } from '../../shared/export/workshopJson'
import { testWorkshop } from '../../shared/export/testWorkshop'
import { repoRoot, spawnServerProcess } from './childServer'
import { createWorkshop, rememberFacilitator, synced, TestResources, waitFor, withTimeout } from './helpers'
import { addNumberedNote, numberedNotes, upTo } from './testNotes'

/**
 * The server `npm start` runs: the bundle scripts/build-server.mjs writes (no TypeScript loader). Its
 * two worker threads are found beside it at run time, which only a built copy can show: the SQLite
 * writer (every edit below is committed there) and the import worker.
 */
// Inside the checkout: the bundle resolves better-sqlite3 from node_modules above it.
const outDir = path.join(repoRoot, '.tmp', `server-build-${process.pid}`)

const resources = new TestResources()
afterEach(() => resources.dispose())

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build-server.mjs', outDir], { cwd: repoRoot, encoding: 'utf8' })
  expect(build.stderr).toBe('')
  expect(build.status).toBe(0)
}, 60_000)
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }))

async function startBuilt(dataDir: string): Promise<{ url: string; stop(): Promise<number | null> }> {
  const { child, url, exited } = await spawnServerProcess(resources, [path.join(outDir, 'main.mjs')], dataDir)
  return {
    url,
    stop() {
      child.kill('SIGTERM')
      return withTimeout(exited, 10_000, 'the built server exited')
    },
  }
}

describe('the built server (dist-server, what npm start runs)', () => {
  it('stores edits through its writer thread, imports through its import worker, and has both after a restart', async () => {
    const dataDir = await resources.tempDir()
    const first = await startBuilt(dataDir)
    const id = await createWorkshop(first.url, { title: 'Bygget' })
    const writer = resources.connect(first.url, id)
    const watcher = resources.connect(first.url, id)
    await Promise.all([synced(writer.provider), synced(watcher.provider)])
    for (let i = 0; i < 20; i++) addNumberedNote(writer.doc, 'n', i)
    // A room broadcasts an edit only once the writer thread reports it committed.
    await waitFor(() => numberedNotes(watcher.doc, 'n').length === 20, 'the watcher sees all 20 edits')

    const fixture = testWorkshop()
    const response = await fetch(`${first.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(toWorkshopExport(fixture, id, new Date())),
    })
    expect(response.status).toBe(201)
    const imported = (await response.json()) as CreatedWorkshop
    rememberFacilitator(imported)
    writer.provider.destroy()
    watcher.provider.destroy()
    expect(await first.stop()).toBe(0)

    const second = await startBuilt(dataDir)
    const again = resources.connect(second.url, id)
    const copy = resources.connect(second.url, imported.id)
    await Promise.all([synced(again.provider), synced(copy.provider)])
    expect(numberedNotes(again.doc, 'n')).toEqual(upTo(20))
    expect(getWorkshopMaps(copy.doc).items.size).toBe(fixture.items.length)
    expect(getWorkshopMaps(copy.doc).meta.get('title')).toBe(fixture.meta.title)
    expect(await second.stop()).toBe(0)
  })
})
