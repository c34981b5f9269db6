import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createWorkshop, synced, TestResources, waitFor } from '../server/helpers'
import { addNumberedNote, numberedNotes, upTo } from '../server/testNotes'
import { isolate, queryTestSchema, startInstance } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

function content(doc: Y.Doc): unknown {
  return { a: numberedNotes(doc, 'a'), b: numberedNotes(doc, 'b'), items: doc.getMap('items').toJSON(), title: doc.getMap('meta').get('title') }
}

async function metricValue(baseUrl: string, line: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text()
  const found = text.split('\n').find((candidate) => candidate.startsWith(line + ' '))
  return found ? Number(found.slice(line.length + 1)) : 0
}

describe('two instances sharing PostgreSQL and Redis', () => {
  it('converge on concurrent edits made through different instances', async () => {
    const isolation = await isolate(resources)
    const first = await startInstance(resources, isolation)
    const second = await startInstance(resources, isolation)
    const id = await createWorkshop(first.url, { title: 'Across instances' })
    const onFirst = resources.connect(first.url, id)
    const onSecond = resources.connect(second.url, id)
    await Promise.all([synced(onFirst.provider), synced(onSecond.provider)])
    expect(onSecond.doc.getMap('meta').get('title')).toBe('Across instances')

    for (let i = 0; i < 100; i++) {
      addNumberedNote(onFirst.doc, 'a', i)
      addNumberedNote(onSecond.doc, 'b', i)
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const full = (doc: Y.Doc) => numberedNotes(doc, 'a').length === 100 && numberedNotes(doc, 'b').length === 100
    await waitFor(() => full(onFirst.doc) && full(onSecond.doc), 'both clients see all 200 edits', 15_000)
    expect(content(onFirst.doc)).toEqual(content(onSecond.doc))

    expect(await metricValue(first.url, 'samskap_redis_messages_published_total{kind="update"}')).toBeGreaterThan(0)
    expect(await metricValue(second.url, 'samskap_redis_messages_received_total{kind="update"}')).toBeGreaterThan(0)
  })

  it('relays awareness across instances, to late joiners too, and removes it when the client leaves', async () => {
    const isolation = await isolate(resources)
    const first = await startInstance(resources, isolation)
    const second = await startInstance(resources, isolation)
    const id = await createWorkshop(first.url)
    const ada = resources.connect(first.url, id)
    await synced(ada.provider)
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' })

    // The room on the second instance loads after Ada announced herself: it asks the others.
    const bob = resources.connect(second.url, id)
    await synced(bob.provider)
    const seesAda = () => [...bob.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Ada')
    await waitFor(seesAda, 'Bob (second instance) sees Ada (first instance)')

    bob.provider.awareness.setLocalStateField('user', { name: 'Bob' })
    await waitFor(
      () => [...ada.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Bob'),
      'Ada sees Bob',
    )

    ada.provider.destroy()
    await waitFor(() => !seesAda(), 'Ada disappears for Bob when her socket closes')
  })

  it('compacts from the database while both instances write, and a fresh instance loads everything', async () => {
    const isolation = await isolate(resources)
    const first = await startInstance(resources, isolation, { compactEvery: 15 })
    const second = await startInstance(resources, isolation, { compactEvery: 15 })
    const id = await createWorkshop(first.url)
    const onFirst = resources.connect(first.url, id)
    const onSecond = resources.connect(second.url, id)
    await Promise.all([synced(onFirst.provider), synced(onSecond.provider)])
    for (let i = 0; i < 120; i++) {
      addNumberedNote(onFirst.doc, 'a', i)
      addNumberedNote(onSecond.doc, 'b', i)
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    const full = (doc: Y.Doc) => numberedNotes(doc, 'a').length === 120 && numberedNotes(doc, 'b').length === 120
    await waitFor(() => full(onFirst.doc) && full(onSecond.doc), 'both see all 240 edits', 15_000)
    // Each instance compacts after 15 of its own writes; the advisory lock lets one at a time through.
    const compactions = async () =>
      (await metricValue(first.url, 'samskap_compactions_total')) + (await metricValue(second.url, 'samskap_compactions_total'))
    const deadline = Date.now() + 5_000
    while ((await compactions()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await compactions()).toBeGreaterThan(0)

    onFirst.provider.destroy()
    onSecond.provider.destroy()
    await first.close()
    await second.close()
    const [log] = await queryTestSchema<{ rows: string }>(isolation, 'SELECT COUNT(*) AS rows FROM updates WHERE workshop_id = $1', [id])
    expect(Number(log!.rows)).toBeLessThan(15)

    const third = await startInstance(resources, isolation)
    const reader = resources.connect(third.url, id)
    await synced(reader.provider)
    expect(numberedNotes(reader.doc, 'a')).toEqual(upTo(120))
    expect(numberedNotes(reader.doc, 'b')).toEqual(upTo(120))
  })

  it('serves the HTTP API from PostgreSQL: a workshop created on one instance exists on the other', async () => {
    const isolation = await isolate(resources)
    const first = await startInstance(resources, isolation)
    const second = await startInstance(resources, isolation)
    const id = await createWorkshop(first.url, { title: 'Shared list' })
    const response = await fetch(`${second.url}/api/workshops/${id}`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ id, title: 'Shared list' })
    expect((await fetch(`${second.url}/api/workshops/nope-not-there-000000`)).status).toBe(404)
  })
})
