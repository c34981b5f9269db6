import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { card } from '../../shared/followup/testWorkshops'
import type { NoteRecord } from '../../shared/schema/records/note'
import { connectControl, createWorkshopWithAccess, joinWorkshop, synced, TestResources, waitFor } from './helpers'
import { holds, storedBytes } from './trustAttacks'

/**
 * Every record a client update touches is validated on the server with the clients' own readers
 * (shared/doc/readRecords.ts): an invalid one refuses the whole update with `invalid` naming it, and
 * nothing of it is stored (the SQLite rows) or relayed (the bytes another client received).
 */
const resources = new TestResources()
afterEach(() => resources.dispose())

const note = (id: string, boardId: string, text: string): NoteRecord => ({
  id, kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '',
})

async function workshop(options: { compactEvery?: number } = {}) {
  const dataDir = await resources.tempDir()
  const server = await resources.startServer({ dataDir, ...options })
  const created = await createWorkshopWithAccess(server.url, { title: 'Gyldig' })
  const panel = connectControl(resources, server.url, created.id, created.token)
  const joined = await joinWorkshop(server.url, { code: created.code })
  const kari = connectControl(resources, server.url, created.id, joined.token)
  const facilitator = connectControl(resources, server.url, created.id, created.token)
  await Promise.all([panel, kari, facilitator].map((client) => synced(client.provider)))
  const boardId = [...getWorkshopMaps(panel.doc).boards.keys()][0]!
  getWorkshopMaps(kari.doc).items.set('ok', createRecordMap(note('ok', boardId, 'Gyldig notat')))
  await waitFor(() => getWorkshopMaps(panel.doc).items.has('ok'), 'the valid note reaches the panel')
  return { dataDir, server, created, panel, kari, facilitator, boardId }
}

/** Each case writes, in one update, a marker and something invalid; the refusal names `recordId`. */
const attacks: { name: string; recordId: string | null; detail?: RegExp; by: 'kari' | 'facilitator'; write: (doc: Y.Doc, boardId: string, marker: string) => void }[] = [
  {
    name: 'an item of kind "evil"',
    recordId: 'evil',
    by: 'kari',
    write: (doc, boardId, marker) => getWorkshopMaps(doc).items.set('evil', createRecordMap({ ...note('evil', boardId, marker), kind: 'evil' })),
  },
  {
    name: 'a 5,000-character text',
    recordId: 'long',
    by: 'kari',
    write: (doc, boardId, marker) => getWorkshopMaps(doc).items.set('long', createRecordMap(note('long', boardId, marker + 'x'.repeat(5000)))),
  },
  {
    name: 'x: "NaN" on an existing note, beside a valid edit',
    recordId: 'ok',
    by: 'kari',
    write: (doc, boardId, marker) => {
      const { items } = getWorkshopMaps(doc)
      items.set('fine', createRecordMap(note('fine', boardId, marker)))
      items.get('ok')!.set('x', 'NaN')
    },
  },
  {
    name: 'an action due 2026-02-30',
    recordId: 'impossible',
    detail: /card\.dueDate: must be a day of the calendar/,
    by: 'facilitator',
    write: (doc, boardId, marker) => getWorkshopMaps(doc).items.set('impossible', createRecordMap(card('impossible', boardId, 'action', 'a0', { text: marker, owner: 'Kari', dueDate: '2026-02-30' }))),
  },
  {
    name: 'a field nobody documents',
    recordId: 'extra',
    by: 'kari',
    write: (doc, boardId, marker) => getWorkshopMaps(doc).items.set('extra', createRecordMap({ ...note('extra', boardId, 'tekst'), secret: marker })),
  },
  {
    name: 'a field holding a Yjs type',
    recordId: 'nested',
    by: 'kari',
    write: (doc, boardId, marker) => {
      const record = createRecordMap(note('nested', boardId, 'tekst'))
      record.set('text', new Y.Text(marker))
      getWorkshopMaps(doc).items.set('nested', record)
    },
  },
  {
    name: 'a facilitator’s board with a title over its maximum',
    recordId: 'board2',
    by: 'facilitator',
    write: (doc, _boardId, marker) =>
      getWorkshopMaps(doc).boards.set('board2', createRecordMap({ id: 'board2', title: marker + 'x'.repeat(200), order: 'a9', template: 'canvas', showHelp: false, linkedBoardId: '' })),
  },
  {
    name: 'a facilitator’s workshop title of the wrong type',
    recordId: null,
    by: 'facilitator',
    write: (doc, boardId, marker) => {
      getWorkshopMaps(doc).items.set('beside', createRecordMap(note('beside', boardId, marker)))
      getWorkshopMaps(doc).meta.set('title', 42)
    },
  },
  {
    name: 'a facilitator’s top-level map the workshop does not have, beside a valid note',
    recordId: null,
    detail: /unknown top-level type "fields"/,
    by: 'facilitator',
    write: (doc, boardId, marker) => {
      getWorkshopMaps(doc).items.set('beside', createRecordMap(note('beside', boardId, 'Gyldig')))
      doc.getMap('fields').set('saved', marker)
    },
  },
  {
    name: 'a participant’s top-level list',
    recordId: null,
    detail: /unknown top-level type "list"/,
    by: 'kari',
    write: (doc, _boardId, marker) => doc.getArray<string>('list').push([marker]),
  },
]

describe('records are validated on the server', () => {
  it('a refused update’s own write it overwrote itself is not kept: no reconnecting client, compaction or stored row gets it', async () => {
    const { dataDir, server, created, panel, facilitator, boardId } = await workshop({ compactEvery: 2 })
    // A client that keeps its deleted content (gc off) sends it in its next update, as a hostile one may.
    const joined = await joinWorkshop(server.url, { code: created.code })
    const writer = connectControl(resources, server.url, created.id, joined.token, { doc: new Y.Doc({ gc: false }) })
    await synced(writer.provider)
    await waitFor(() => getWorkshopMaps(writer.doc).items.has('ok'), 'the writer has the note')
    facilitator.provider.disconnect()
    writer.provider.disconnect()
    const ok = getWorkshopMaps(writer.doc).items.get('ok')!
    writer.doc.transact(() => ok.set('text', 'Overskrevet-hemmelig'))
    writer.doc.transact(() => ok.set('text', 'Senere'))
    writer.doc.transact(() => ok.set('x', 'NaN'))
    writer.provider.connect()
    await waitFor(() => writer.messages.some((m) => m.type === 'refused'), 'the writer is told')
    getWorkshopMaps(panel.doc).items.set('after', createRecordMap(note('after', boardId, 'Etterpå')))
    // The facilitator was away: its sync step 2 is read from the room's document.
    facilitator.provider.connect()
    await waitFor(() => getWorkshopMaps(facilitator.doc).items.has('after'), 'the facilitator is back in sync')
    expect(getWorkshopMaps(facilitator.doc).items.get('ok')!.get('text')).toBe('Gyldig notat')
    for (const other of [panel, facilitator]) expect(other.received('Overskrevet-hemmelig')).toBe(false)
    expect(holds(storedBytes(dataDir), 'Overskrevet-hemmelig')).toBe(false)
  })

  it.each(attacks)('$name: the whole update is refused as invalid, naming the record; nothing of it is stored or relayed', async ({ recordId, detail, by, write }) => {
    const { dataDir, panel, kari, facilitator, boardId } = await workshop()
    const author = by === 'kari' ? kari : facilitator
    const marker = `Ugyldig-${by}-${Math.random().toString(36).slice(2)}`
    const before = getWorkshopMaps(panel.doc).items.toJSON()
    author.doc.transact(() => write(author.doc, boardId, marker))
    await waitFor(() => author.messages.some((m) => m.type === 'refused'), 'the author is told')
    const refused = author.messages.find((m) => m.type === 'refused')
    expect(refused).toMatchObject({ reason: 'invalid', ...(recordId !== null ? { recordId } : {}), detail: expect.any(String) })
    if (recordId === null) expect(refused).not.toHaveProperty('recordId')
    if (detail) expect(refused).toMatchObject({ detail: expect.stringMatching(detail) })

    // The author's page is put back; another edit afterwards goes through and reaches the panel.
    await waitFor(() => JSON.stringify(getWorkshopMaps(author.doc).items.toJSON()) === JSON.stringify(before), 'the author’s page is put back')
    getWorkshopMaps(author.doc).items.set('after', createRecordMap(note('after', boardId, 'Etterpå')))
    await waitFor(() => getWorkshopMaps(panel.doc).items.has('after'), 'a later valid edit reaches the panel')
    expect(getWorkshopMaps(panel.doc).meta.get('title')).toBe('Gyldig')

    for (const other of [panel, kari, facilitator]) expect(other === author ? false : other.received(marker)).toBe(false)
    expect(holds(storedBytes(dataDir), marker)).toBe(false)
  })
})
