import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps } from '../../../shared/doc/workshopDoc'
import type { NoteRecord } from '../../../shared/schema/records/note'
import { readSession } from '../../../shared/schema/records/sessionHistory'
import { connectControl, createWorkshopWithAccess, joinWorkshop, sameState, synced, TestResources, waitFor, type ControlClient } from '../helpers'

/**
 * The room undoes a refused update (server/sync/UndoableApply.ts); the undo restores what the refused
 * update removed as *copies*, new Yjs items. A change someone else made concurrently, on the state
 * before the refusal, lands beside the original: the copy would win over it although the server
 * accepted it. The room carries such changes onto the copies (server/sync/ForwardOntoCopies.ts):
 * these are the races the guard fuzz (guardFuzz.test.ts) used to find.
 */
const resources = new TestResources()
afterEach(() => resources.dispose())

const note = (id: string, boardId: string, text: string): NoteRecord => ({
  id, kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '',
})
const text = (client: ControlClient, id: string) => getWorkshopMaps(client.doc).items.get(id)?.get('text')

/**
 * A facilitator's board client with a given Yjs client id, the facilitator's panel, and a
 * participant (Kari) with another; a note the facilitator added, and "only their own" on, so
 * Kari may not change it.
 */
async function raceRoom(ids: { facilitator: number; kari: number }) {
  const server = await resources.startServer({ dataDir: await resources.tempDir() })
  const created = await createWorkshopWithAccess(server.url, { title: 'Kappløp' })
  const panel = connectControl(resources, server.url, created.id, created.token)
  const facilitatorDoc = new Y.Doc()
  facilitatorDoc.clientID = ids.facilitator
  const facilitator = connectControl(resources, server.url, created.id, created.token, { doc: facilitatorDoc })
  const joined = await joinWorkshop(server.url, { code: created.code })
  const kariDoc = new Y.Doc()
  kariDoc.clientID = ids.kari
  const kari = connectControl(resources, server.url, created.id, joined.token, { doc: kariDoc })
  await Promise.all([panel, facilitator, kari].map((client) => synced(client.provider)))
  const boardId = [...getWorkshopMaps(panel.doc).boards.keys()][0]!
  getWorkshopMaps(facilitator.doc).items.set('n', createRecordMap(note('n', boardId, 'Første utkast')))
  await waitFor(() => text(kari, 'n') === 'Første utkast', 'the note reaches Kari')
  expect(await panel.call({ type: 'ownItems.set', enabled: true })).toMatchObject({ ok: true })
  await waitFor(() => readSession(getWorkshopMaps(kari.doc).session.toJSON()).session.ownItemsOnly, 'only their own reaches Kari')
  /** Reconnects the facilitator and waits until all three hold the same document. */
  const rejoin = async () => {
    facilitator.provider.connect()
    await synced(facilitator.provider)
    await waitFor(() => [facilitator, kari].every((c) => sameState(c.doc, panel.doc) && text(c, 'n') === text(panel, 'n')), 'everyone converges')
  }
  return { facilitator, kari, rejoin }
}

/** The facilitator edits the note offline while Kari's delete of it is refused and undone. */
async function editDuringRefusedDelete(): Promise<unknown> {
  const { facilitator, kari, rejoin } = await raceRoom({ facilitator: 1, kari: 2 })
  facilitator.provider.disconnect()
  getWorkshopMaps(facilitator.doc).items.get('n')!.set('text', 'Fasilitatoren rettet')
  // Kari's delete is refused and undone: the note comes back, as a copy of its map.
  getWorkshopMaps(kari.doc).items.delete('n')
  await waitFor(() => kari.messages.some((m) => m.type === 'refused' && m.reason === 'notYours'), 'Kari’s delete refused')
  await waitFor(() => text(kari, 'n') === 'Første utkast', 'the note is back for Kari')
  // The facilitator's edit is accepted (nothing refuses it), but it went to the old map.
  await rejoin()
  expect(facilitator.messages.filter((m) => m.type === 'refused')).toEqual([])
  return text(kari, 'n')
}

/** The facilitator edits the note's text offline while Kari's edit of the same text is refused and undone. */
async function editDuringRefusedEdit(ids: { facilitator: number; kari: number }, writes = ['Fasilitatoren rettet']): Promise<unknown> {
  const { facilitator, kari, rejoin } = await raceRoom(ids)
  facilitator.provider.disconnect()
  for (const written of writes) getWorkshopMaps(facilitator.doc).items.get('n')!.set('text', written)
  // Kari's overwrite is refused; the undo restores 'Første utkast' as a new entry after hers.
  getWorkshopMaps(kari.doc).items.get('n')!.set('text', 'Kari rettet')
  await waitFor(() => kari.messages.some((m) => m.type === 'refused' && m.reason === 'notYours'), 'Kari’s edit refused')
  await waitFor(() => text(kari, 'n') === 'Første utkast', 'undone for Kari')
  // Both edits replaced 'Første utkast'. Yjs orders concurrent entries by client id: when the
  // facilitator's is smaller it sorts before Kari's refused entry, and the restored text after
  // that one is the field's value.
  await rejoin()
  expect(facilitator.messages.filter((m) => m.type === 'refused')).toEqual([])
  return text(kari, 'n')
}

describe('an accepted edit racing a refused one', () => {
  it('survives a refused delete of its record', async () => {
    expect(await editDuringRefusedDelete()).toBe('Fasilitatoren rettet')
  })

  it('survives a refused overwrite of the same field by a client with a larger Yjs client id', async () => {
    expect(await editDuringRefusedEdit({ facilitator: 1, kari: 4_000_000_000 })).toBe('Fasilitatoren rettet')
  })

  it('survives when its author writes again on top of it before hearing of the refusal', async () => {
    expect(await editDuringRefusedEdit({ facilitator: 1, kari: 4_000_000_000 }, ['Fasilitatoren rettet', 'Fasilitatoren rettet igjen'])).toBe('Fasilitatoren rettet igjen')
  })

  it('an accepted delete survives a refused delete of the same record', async () => {
    const { facilitator, kari, rejoin } = await raceRoom({ facilitator: 1, kari: 2 })
    facilitator.provider.disconnect()
    getWorkshopMaps(facilitator.doc).items.delete('n')
    getWorkshopMaps(kari.doc).items.delete('n')
    await waitFor(() => kari.messages.some((m) => m.type === 'refused' && m.reason === 'notYours'), 'Kari’s delete refused')
    await waitFor(() => text(kari, 'n') === 'Første utkast', 'the note is back for Kari')
    await rejoin()
    expect(facilitator.messages.filter((m) => m.type === 'refused')).toEqual([])
    // The carried delete is broadcast once the writer thread has committed it, which may be after
    // the three already agree on everything else: wait for it rather than read at once.
    await waitFor(() => ![facilitator, kari].some((c) => getWorkshopMaps(c.doc).items.has('n')), 'the delete reaches everyone')
  })

  it('a client that saw the restored copy and reconnects does not delete it again with its old delete set', async () => {
    const { facilitator, kari, rejoin } = await raceRoom({ facilitator: 1, kari: 2 })
    getWorkshopMaps(kari.doc).items.delete('n')
    await waitFor(() => kari.messages.some((m) => m.type === 'refused' && m.reason === 'notYours'), 'Kari’s delete refused')
    await waitFor(() => text(facilitator, 'n') === 'Første utkast' && text(kari, 'n') === 'Første utkast', 'the copy reaches both')
    // Both hold the original as deleted: their sync step 2 on reconnecting carries that delete again.
    facilitator.provider.disconnect()
    kari.provider.disconnect()
    kari.provider.connect()
    await synced(kari.provider)
    await rejoin()
    expect(text(kari, 'n')).toBe('Første utkast')
  })

  it('a refused sender offline before the undo reached it does not delete the copy when it sends its delete again', async () => {
    const { facilitator, kari, rejoin } = await raceRoom({ facilitator: 1, kari: 2 })
    getWorkshopMaps(kari.doc).items.delete('n')
    kari.provider.disconnect()
    await waitFor(() => text(facilitator, 'n') === 'Første utkast' && getWorkshopMaps(facilitator.doc).items.get('n')!._item!.id.client !== 1, 'the copy reaches the facilitator')
    kari.provider.connect()
    await synced(kari.provider)
    facilitator.provider.disconnect()
    await rejoin()
    expect(text(kari, 'n')).toBe('Første utkast')
  })

  it('survives a refused overwrite of the same field by a client with a smaller Yjs client id', async () => {
    expect(await editDuringRefusedEdit({ facilitator: 4_000_000_000, kari: 2 })).toBe('Fasilitatoren rettet')
  })
})
