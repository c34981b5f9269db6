import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps, readRecord } from '../../shared/doc/workshopDoc'
import type { ConnectorRecord } from '../../shared/schema/records/connector'
import type { NoteRecord } from '../../shared/schema/records/note'
import { eraseReachesStorage, facilitatedRoom, holds, kariWrote, othersWrote, type StoredBytes } from './erasureScenario'
import { lastMessage, TestResources, waitFor } from './helpers'

// A resident's right to erasure from the phone page (`own.erase`): the server erases only what it
// recorded as theirs, and refuses, by name and whole, a list that holds anyone else's.

const resources = new TestResources()
afterEach(() => resources.dispose())

function note(id: string, boardId: string, text: string): NoteRecord {
  return { id, kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: Date.now(), sdgs: [], dimension: '' }
}

function arrow(id: string, boardId: string, from: string, to: string): ConnectorRecord {
  return { id, kind: 'connector', boardId, from: { itemId: from }, to: { itemId: to }, relation: '', arrowhead: 'end', color: '#333333', createdAt: Date.now() }
}

const ids = (doc: Y.Doc) => [...getWorkshopMaps(doc).items.keys()].sort()
const texts = (doc: Y.Doc) =>
  [...getWorkshopMaps(doc).items.values()]
    .map((map) => readRecord(map))
    .filter((record) => record.kind === 'note')
    .map((record) => (record as unknown as NoteRecord).text)
    .sort()

async function room() {
  return facilitatedRoom(resources, await resources.startServer({ dataDir: await resources.tempDir() }))
}

describe('a resident erases what they wrote', () => {
  it('erases only their own items and held notes; someone else’s id refuses the whole command by name', async () => {
    const { facilitator, boardId, participant } = await room()
    const kari = await participant()
    const ola = await participant()
    const items = (doc: Y.Doc) => getWorkshopMaps(doc).items

    items(facilitator.doc).set('fac', createRecordMap(note('fac', boardId, 'Fra fasilitator')))
    // Kari writes on the board, draws an arrow from her note to the facilitator's, and sends one from the phone.
    items(kari.doc).set('kariBoard', createRecordMap(note('kariBoard', boardId, 'Kari på tavla')))
    items(kari.doc).set('kariArrow', createRecordMap(arrow('kariArrow', boardId, 'kariBoard', 'fac')))
    expect(await kari.call({ type: 'note.submit', noteId: 'kariPhone', text: 'Kari fra mobil' })).toMatchObject({ ok: true, result: { outcome: 'public' } })
    items(ola.doc).set('olaBoard', createRecordMap(note('olaBoard', boardId, 'Ola på tavla')))
    // An arrow Ola drew to Kari's note is his; when her note goes, the arrow goes with it.
    items(ola.doc).set('olaArrow', createRecordMap(arrow('olaArrow', boardId, 'olaBoard', 'kariPhone')))
    // With moderation on, a note waits in the held notes, with Kari's nickname on it.
    expect(await facilitator.call({ type: 'moderation.set', enabled: true })).toMatchObject({ ok: true })
    expect(await kari.call({ type: 'note.submit', noteId: 'kariQueued', text: 'Kari venter' })).toMatchObject({ ok: true, result: { outcome: 'queued' } })
    expect(await ola.call({ type: 'note.submit', noteId: 'olaQueued', text: 'Ola venter' })).toMatchObject({ ok: true, result: { outcome: 'queued' } })
    await waitFor(() => ids(facilitator.doc).length === 6, 'every item reaches the facilitator')
    await waitFor(() => lastMessage(kari, 'mine')?.notes.length === 1, 'Kari sees her waiting note')

    // Ola tries to erase Kari's notes: refused with a name, nothing erased, not even his own in the same list.
    const attack = await ola.call({ type: 'own.erase', itemIds: ['kariBoard'] })
    expect(attack).toMatchObject({ ok: false, error: 'notYours' })
    const mixed = await ola.call({ type: 'own.erase', itemIds: ['olaBoard', 'kariPhone', 'kariQueued'] })
    expect(mixed).toMatchObject({ ok: false, error: 'notYours' })
    expect(mixed.ok ? '' : mixed.message).toContain('kariPhone')
    expect(ids(facilitator.doc)).toEqual(['fac', 'kariArrow', 'kariBoard', 'kariPhone', 'olaArrow', 'olaBoard'])
    expect(lastMessage(kari, 'mine')?.notes.map((n) => n.id)).toEqual(['kariQueued'])
    // A facilitator's items belong to no one person, so a facilitator has no "own" to erase.
    expect(await facilitator.call({ type: 'own.erase' })).toMatchObject({ ok: false, error: 'forbidden' })
    // A malformed list is refused as invalid.
    expect(await ola.call({ type: 'own.erase', itemIds: [] })).toMatchObject({ ok: false, error: 'invalid' })

    // Ola erases one of his own by id: only that one.
    expect(await ola.call({ type: 'own.erase', itemIds: ['olaQueued'] })).toMatchObject({ ok: true, result: { erased: 1 } })

    // Kari erases everything of hers: her board note (with her arrow and Ola's arrow to it), her phone note and her waiting note.
    expect(await kari.call({ type: 'own.erase' })).toMatchObject({ ok: true, result: { erased: 4 } })
    for (const client of [facilitator, ola, kari]) await waitFor(() => ids(client.doc).join() === 'fac,olaBoard', 'the erasure reaches everyone')
    expect(texts(ola.doc)).toEqual(['Fra fasilitator', 'Ola på tavla'])
    await waitFor(() => lastMessage(kari, 'mine')?.notes.length === 0, 'Kari’s waiting note is gone')
    await waitFor(() => (lastMessage(facilitator, 'held')?.remove ?? []).includes('kariQueued'), 'and gone from the facilitator’s queue')

    // Nothing left: erasing again erases nothing and is not an error.
    expect(await kari.call({ type: 'own.erase' })).toMatchObject({ ok: true, result: { erased: 0 } })
  })
  it('is refused by name once a person has used up their erasures for the hour; nothing is erased then, others are not affected', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), limits: { ownErasesPerPersonPerHour: 2 } })
    const { facilitator, participant } = await facilitatedRoom(resources, server)
    const kari = await participant()
    const ola = await participant()
    const submit = (client: typeof kari, noteId: string) => client.call({ type: 'note.submit', noteId, text: `Notat ${noteId}` })
    // Someone with nothing of theirs anywhere does no work and is not counted.
    for (let i = 0; i < 3; i++) expect(await ola.call({ type: 'own.erase' })).toMatchObject({ ok: true, result: { erased: 0 } })
    for (const noteId of ['k1', 'k2']) {
      expect(await submit(kari, noteId)).toMatchObject({ ok: true })
      expect(await kari.call({ type: 'own.erase', itemIds: [noteId] })).toMatchObject({ ok: true, result: { erased: 1 } })
    }
    expect(await submit(kari, 'k3')).toMatchObject({ ok: true })
    await waitFor(() => ids(facilitator.doc).includes('k3'), 'Kari’s third note reaches the facilitator')
    const refused = await kari.call({ type: 'own.erase' })
    expect(refused).toMatchObject({ ok: false, error: 'tooOften' })
    expect(refused.ok ? '' : refused.message).toMatch(/try again in \d+ s/)
    expect(ids(facilitator.doc)).toContain('k3')
    // Ola's budget is his own.
    expect(await submit(ola, 'o1')).toMatchObject({ ok: true })
    expect(await ola.call({ type: 'own.erase' })).toMatchObject({ ok: true, result: { erased: 1 } })
  })
  it('gives no fresh budget to a new identity from the same address (a reconnect through the shared link, a rejoin)', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), limits: { ownErasesPerPersonPerHour: 2, ownErasesPerAddressPerHour: 2 } })
    const { facilitator, participant } = await facilitatedRoom(resources, server)
    const kari = await participant()
    for (const noteId of ['k1', 'k2']) {
      expect(await kari.call({ type: 'note.submit', noteId, text: `Notat ${noteId}` })).toMatchObject({ ok: true })
      expect(await kari.call({ type: 'own.erase', itemIds: [noteId] })).toMatchObject({ ok: true, result: { erased: 1 } })
    }
    // She leaves and joins again with the code: a new participant id, from the same address.
    kari.provider.destroy()
    const kariAgain = await participant()
    expect(await kariAgain.call({ type: 'note.submit', noteId: 'k3', text: 'Notat k3' })).toMatchObject({ ok: true })
    await waitFor(() => ids(facilitator.doc).includes('k3'), 'her note from the new identity reaches the facilitator')
    expect(await kariAgain.call({ type: 'own.erase' })).toMatchObject({ ok: false, error: 'tooOften' })
    expect(ids(facilitator.doc)).toContain('k3')
  })
  it('is gone from every stored byte: history snapshots, update log and held notes (SQLite); restoring brings none of it back', async () => {
    const dataDir = await resources.tempDir()
    const server = await resources.startServer({ dataDir })
    await eraseReachesStorage(resources, server, async (workshopId): Promise<StoredBytes> => {
      const db = new Database(path.join(dataDir, 'samskap.sqlite'), { readonly: true })
      try {
        const rows = (sql: string) => (db.prepare(sql).all(workshopId, `${workshopId}/%`) as { data: Buffer }[]).map((row) => row.data)
        return {
          history: rows('SELECT state AS data FROM history WHERE workshop_id = ? OR workshop_id LIKE ?'),
          documents: [
            ...rows('SELECT data FROM snapshots WHERE workshop_id = ? OR workshop_id LIKE ?'),
            ...rows('SELECT data FROM updates WHERE workshop_id = ? OR workshop_id LIKE ?'),
          ],
        }
      } finally {
        db.close()
      }
    })
    // Not in the database file either (free pages are zeroed) nor in its write-ahead log.
    const files = ['samskap.sqlite', 'samskap.sqlite-wal'].map((name) => path.join(dataDir, name)).filter((file) => fs.existsSync(file)).map((file) => fs.readFileSync(file))
    for (const text of Object.values(kariWrote)) expect(holds(files, text), text).toBe(false)
    expect(holds(files, othersWrote.facilitator)).toBe(true)
  })
})
