import { expect } from 'vitest'
import * as Y from 'yjs'
import type { CreatedWorkshop } from '../../shared/access'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { planRestore } from '../../shared/logic/history'
import type { NoteRecord } from '../../shared/schema/records/note'
import type { SamskapServer } from '../../server/createSamskapServer'
import { readSnapshotRecords, type SnapshotRecords } from '../../server/history/WorkshopHistory'
import { connectControl, createWorkshopWithAccess, joinWorkshop, synced, type TestResources, waitFor } from './helpers'

// A resident's erasure (`own.erase`) reaches storage: the scenario both the SQLite test
// (ownErase.test.ts) and the PostgreSQL one (tests/scaleout/erasurePostgres.test.ts) run, each
// reading the stored rows its own way.

/** The bytes a workshop has stored: its history snapshots, and its documents (snapshot and update log, companions included). */
export interface StoredBytes {
  history: Buffer[]
  documents: Buffer[]
}

/** Text only Kari wrote: none of it may be in any stored byte after she erases. */
export const kariWrote = {
  board: 'Kari-tavle-hemmeleg-4711',
  phone: 'Kari-mobil-hemmeleg-4712',
  deletedByHand: 'Kari-sletta-sjolv-4713',
  waiting: 'Kari-ventar-hemmeleg-4714',
  nickname: 'Kari-kallenamn-4715',
}
export const othersWrote = { facilitator: 'Fasilitator-lapp-4721', ola: 'Ola-lapp-4722' }

function note(id: string, boardId: string, text: string): NoteRecord {
  return { id, kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: Date.now(), sdgs: [], dimension: '' }
}

export function holds(rows: Buffer[], text: string): boolean {
  return rows.some((row) => row.includes(Buffer.from(text, 'utf8')))
}

async function checkpoint(server: SamskapServer, workshop: CreatedWorkshop, label: string): Promise<string> {
  const response = await fetch(`${server.url}/api/workshops/${workshop.id}/history`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${workshop.token}` },
    body: JSON.stringify({ label }),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

async function snapshotRecords(server: SamskapServer, workshop: CreatedWorkshop, historyId: string): Promise<SnapshotRecords> {
  const response = await fetch(`${server.url}/api/workshops/${workshop.id}/history/${historyId}`, { headers: { authorization: `Bearer ${workshop.token}` } })
  expect(response.status).toBe(200)
  return (await response.json()) as SnapshotRecords
}

/** A workshop on `server` with its facilitator connected, its first board, and a way to let residents join by code. */
export async function facilitatedRoom(resources: TestResources, server: SamskapServer) {
  const workshop = await createWorkshopWithAccess(server.url, { title: 'Innbyggjardialog' })
  const facilitator = connectControl(resources, server.url, workshop.id, workshop.token)
  await synced(facilitator.provider)
  const boardId = [...getWorkshopMaps(facilitator.doc).boards.keys()][0]!
  const participant = async () => {
    const joined = await joinWorkshop(server.url, { code: workshop.code })
    const client = connectControl(resources, server.url, workshop.id, joined.token)
    await synced(client.provider)
    return client
  }
  return { workshop, facilitator, boardId, participant }
}

/**
 * Kari writes on the board, from her phone, one note she deletes by hand and one waiting for
 * approval under her nickname; checkpoints keep them. Then she erases: her text and nickname are
 * in no stored byte (history and documents, raw, not only their JSON), Ola's and the facilitator's
 * are, and restoring the old checkpoint brings nothing of hers back.
 */
export async function eraseReachesStorage(resources: TestResources, server: SamskapServer, stored: (workshopId: string) => Promise<StoredBytes>): Promise<void> {
  const { workshop, facilitator, boardId, participant } = await facilitatedRoom(resources, server)
  const kari = await participant()
  const ola = await participant()
  kari.provider.awareness.setLocalStateField('user', { name: kariWrote.nickname })
  const items = (doc: Y.Doc) => getWorkshopMaps(doc).items

  items(facilitator.doc).set('fac', createRecordMap(note('fac', boardId, othersWrote.facilitator)))
  items(ola.doc).set('olaBoard', createRecordMap(note('olaBoard', boardId, othersWrote.ola)))
  items(kari.doc).set('kariBoard', createRecordMap(note('kariBoard', boardId, kariWrote.board)))
  items(kari.doc).set('kariGone', createRecordMap(note('kariGone', boardId, kariWrote.deletedByHand)))
  expect(await kari.call({ type: 'note.submit', noteId: 'kariPhone', text: kariWrote.phone })).toMatchObject({ ok: true, result: { outcome: 'public' } })
  await waitFor(() => items(facilitator.doc).size === 5, 'every note reaches the facilitator')
  const before = await checkpoint(server, workshop, 'Før pause')
  // She deletes one note by hand: gone from the board, still in the checkpoint.
  items(kari.doc).delete('kariGone')
  await waitFor(() => !items(facilitator.doc).has('kariGone'), 'the deletion reaches the facilitator')
  expect(await facilitator.call({ type: 'moderation.set', enabled: true })).toMatchObject({ ok: true })
  const named = () => [...facilitator.provider.awareness.getStates().values()].some((state) => (state as { user?: { name?: string } }).user?.name === kariWrote.nickname)
  await waitFor(named, 'Kari’s nickname reaches the facilitator')
  expect(await kari.call({ type: 'note.submit', noteId: 'kariQueued', text: kariWrote.waiting })).toMatchObject({ ok: true, result: { outcome: 'queued' } })
  await checkpoint(server, workshop, 'Etter pause')

  // The test can fail: before the erasure her words are stored, in history and in the documents.
  const kept = await stored(workshop.id)
  expect(holds(kept.history, kariWrote.board) && holds(kept.history, kariWrote.deletedByHand)).toBe(true)
  expect(holds(kept.documents, kariWrote.waiting) && holds(kept.documents, kariWrote.nickname)).toBe(true)

  expect(await kari.call({ type: 'own.erase' })).toMatchObject({ ok: true, result: { erased: 3 } })
  const after = await stored(workshop.id)
  for (const [what, text] of Object.entries(kariWrote)) {
    expect(holds(after.history, text), `history holds ${what}`).toBe(false)
    expect(holds(after.documents, text), `the documents hold ${what}`).toBe(false)
  }
  for (const text of Object.values(othersWrote)) {
    expect(holds(after.history, text)).toBe(true)
    expect(holds(after.documents, text)).toBe(true)
  }

  // Restoring the checkpoint from before: what the client would apply (shared/logic/history.ts) brings Ola's back if he had deleted it, and nothing of Kari's.
  items(ola.doc).delete('olaBoard')
  await waitFor(() => !items(facilitator.doc).has('olaBoard'), 'Ola’s deletion reaches the facilitator')
  const old = await snapshotRecords(server, workshop, before)
  expect(old.items.map((item) => item.id).sort()).toEqual(['fac', 'olaBoard'])
  const plan = planRestore(readSnapshotRecords(Y.encodeStateAsUpdate(facilitator.doc)), old)
  expect((plan.createItems ?? []).map((item) => item.id)).toEqual(['olaBoard'])
  expect(JSON.stringify(plan)).not.toContain('Kari')
}
