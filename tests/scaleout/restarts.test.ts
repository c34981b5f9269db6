import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { createWorkshop, synced, TestResources, waitFor, type Client } from '../server/helpers'
import { addNumberedNote, numberedNotes, upTo as numbers } from '../server/testNotes'
import { isolate, killRedis, startInstance, startPostgres, startRedis, stopPostgres, twoInstancesOneWorkshop } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Two writers on different instances: `a` writes notes a-0, a-1, …, `b` notes b-0, b-1, …, one each per step. */
function writers(a: Client, b: Client) {
  let next = 0
  return {
    get count() {
      return next
    },
    async write(steps: number): Promise<void> {
      for (let step = 0; step < steps; step++) {
        addNumberedNote(a.doc, 'a', next)
        addNumberedNote(b.doc, 'b', next)
        next++
        await sleep(10)
      }
    },
  }
}

function hasAll(doc: Y.Doc, count: number): boolean {
  return numberedNotes(doc, 'a').length === count && numberedNotes(doc, 'b').length === count
}

async function metricValue(baseUrl: string, prefix: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text()
  return text
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0)
}

describe('restarts of the shared services mid-session', () => {
  it('Redis restart: messages lost meanwhile are read back from PostgreSQL and all instances converge', async () => {
    const { second, id, a, b } = await twoInstancesOneWorkshop(resources)
    const edits = writers(a, b)

    await edits.write(30)
    await waitFor(() => hasAll(a.doc, 30) && hasAll(b.doc, 30), 'converged before the restart')
    await killRedis()
    // Committed to PostgreSQL, but nothing carries them to the other instance now.
    await edits.write(30)
    await sleep(300)
    await startRedis()
    await edits.write(30)

    await waitFor(() => hasAll(a.doc, 90) && hasAll(b.doc, 90), 'both clients see all 180 edits after Redis is back', 30_000)
    expect(numberedNotes(a.doc, 'a')).toEqual(numbers(90))
    expect(numberedNotes(b.doc, 'a')).toEqual(numbers(90))
    expect(numberedNotes(a.doc, 'b')).toEqual(numbers(90))
    expect(await metricValue(second.url, 'samskap_catchups_total')).toBeGreaterThan(0)

    // A newcomer on either instance gets everything too.
    const late = resources.connect(second.url, id)
    await synced(late.provider)
    expect(hasAll(late.doc, 90)).toBe(true)
  })

  it('PostgreSQL restart: nothing uncommitted is shown to anyone, writes are retried, nothing is lost', async () => {
    const { isolation, first, second, id, a, b } = await twoInstancesOneWorkshop(resources)
    const edits = writers(a, b)
    await edits.write(20)
    await waitFor(() => hasAll(a.doc, 20) && hasAll(b.doc, 20), 'converged before the restart')

    stopPostgres()
    let down = true
    // While the database is down no write commits, so no one may see the other's new edits.
    const violations: string[] = []
    const seen = { a: numberedNotes(b.doc, 'a').length, b: numberedNotes(a.doc, 'b').length }
    getWorkshopMaps(b.doc).items.observe(() => {
      if (down && numberedNotes(b.doc, 'a').length !== seen.a) violations.push(`b saw a-${numberedNotes(b.doc, 'a').length - 1} while PostgreSQL was down`)
    })
    getWorkshopMaps(a.doc).items.observe(() => {
      if (down && numberedNotes(a.doc, 'b').length !== seen.b) violations.push(`a saw b-${numberedNotes(a.doc, 'b').length - 1} while PostgreSQL was down`)
    })
    await edits.write(20)
    await sleep(1_000)
    expect(violations).toEqual([])
    expect(numberedNotes(b.doc, 'a')).toHaveLength(20)
    // The sockets stay open: the rooms keep the edits queued and retry.
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true)
    expect(await metricValue(first.url, 'samskap_persistence_write_failures_total')).toBeGreaterThan(0)
    down = false
    startPostgres()

    await edits.write(10)
    await waitFor(() => hasAll(a.doc, 50) && hasAll(b.doc, 50), 'all 100 edits arrive once PostgreSQL is back', 40_000)
    expect(numberedNotes(b.doc, 'a')).toEqual(numbers(50))
    expect(numberedNotes(a.doc, 'b')).toEqual(numbers(50))

    // Everything is in the database: a fresh instance, after the others closed, loads it all.
    a.provider.destroy()
    b.provider.destroy()
    await first.close()
    await second.close()
    const third = await startInstance(resources, isolation)
    const reader = resources.connect(third.url, id)
    await synced(reader.provider)
    expect(numberedNotes(reader.doc, 'a')).toEqual(numbers(50))
    expect(numberedNotes(reader.doc, 'b')).toEqual(numbers(50))
  })

  it('closes the room with 4500 when writes keep failing beyond the bound, rather than lying', async () => {
    const isolation = await isolate(resources)
    const server = await startInstance(resources, isolation, { writeRetryMs: 500 })
    const id = await createWorkshop(server.url)
    const client = resources.connect(server.url, id)
    await synced(client.provider)
    const closeCodes: number[] = []
    client.provider.on('connection-close', (event) => {
      if (event) closeCodes.push(event.code)
    })
    stopPostgres()
    try {
      addNumberedNote(client.doc, 'a', 1)
      await waitFor(() => closeCodes.includes(4500), 'the room closes its sockets with 4500', 10_000)
    } finally {
      startPostgres()
    }
  })
})
