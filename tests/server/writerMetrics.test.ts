import { afterEach, describe, expect, it } from 'vitest'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { connectControl, createWorkshop, eventually, facilitatorToken, synced, TestResources } from './helpers'

/** The SQLite writer thread's commits on /metrics: what the benchmark's (b) reads per step (bench/scenarios/rateSteps.ts). */
const resources = new TestResources()
afterEach(() => resources.dispose())

async function counter(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text()
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN)
}

describe('/metrics with SQLite', () => {
  it('counts the writer thread’s commits and the room batches in them as a room writes', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const workshopId = await createWorkshop(server.url, { title: 'Elvebyen' })
    const client = connectControl(resources, server.url, workshopId, facilitatorToken(workshopId))
    await synced(client.provider)
    const before = { commits: await counter(server.url, 'samskap_sqlite_commits_total'), appends: await counter(server.url, 'samskap_sqlite_commit_appends_total') }
    expect(Number.isFinite(before.commits)).toBe(true)
    const { items, boards } = getWorkshopMaps(client.doc)
    const boardId = [...boards.keys()][0]!
    items.set('n1', createRecordMap({ id: 'n1', kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: 'Benker', createdAt: 1, sdgs: [], dimension: '' }))
    await eventually(async () => (await counter(server.url, 'samskap_sqlite_commit_appends_total')) > before.appends, true, 'the note’s batch is counted')
    expect(await counter(server.url, 'samskap_sqlite_commits_total')).toBeGreaterThan(before.commits)
    expect(await counter(server.url, 'samskap_sqlite_commit_seconds_total')).toBeGreaterThan(0)
  })
})
