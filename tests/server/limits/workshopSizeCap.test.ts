import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getWorkshopMaps } from '../../../shared/doc/workshopDoc'
import { connectControl, createWorkshopWithAccess, joinWorkshop, lastMessage, synced, TestResources, waitFor } from '../helpers'
import { NOTE_TEXT_MAX } from '../../../shared/schema/records/note'
import { noteUpdate } from './attacks'

const resources = new TestResources()
afterEach(() => resources.dispose())

const firstBoard = (doc: Y.Doc) => [...getWorkshopMaps(doc).boards.keys()][0]!
const items = (doc: Y.Doc) => getWorkshopMaps(doc).items

describe('the workshop size cap', () => {
  it('warns the facilitator at 80 %, refuses new notes at the cap (the sender is told, the room goes on), and deleting makes room again', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), limits: { workshopMaxBytes: 60_000 } })
    const created = await createWorkshopWithAccess(server.url)
    const facilitator = connectControl(resources, server.url, created.id, created.token)
    await synced(facilitator.provider)
    const boardId = firstBoard(facilitator.doc)
    const { token } = await joinWorkshop(server.url, { code: created.code })
    const resident = connectControl(resources, server.url, created.id, token)
    await synced(resident.provider)

    // Notes of the longest text a note may have (2,000 characters): about thirty fill the workshop.
    let added = 0
    while (lastMessage(facilitator, 'capacity')?.level !== 'full' && added < 80) {
      Y.applyUpdate(resident.doc, noteUpdate(boardId, `note-${added}`, String(added % 10).repeat(NOTE_TEXT_MAX)))
      added++
      const id = `note-${added - 1}`
      await waitFor(() => items(facilitator.doc).has(id), `${id} reaches the facilitator`)
    }
    const levels = facilitator.messages.flatMap((m) => (m.type === 'capacity' ? [m.level] : []))
    expect(levels).toEqual(['warning', 'full'])
    expect(lastMessage(facilitator, 'capacity')).toMatchObject({ maxBytes: 60_000 })
    expect(resident.messages.some((m) => m.type === 'capacity')).toBe(false)

    // Full: the next note is refused before it is applied, and its sender told why.
    Y.applyUpdate(resident.doc, noteUpdate(boardId, 'one-too-many', 'x'.repeat(NOTE_TEXT_MAX)))
    await waitFor(() => lastMessage(resident, 'refused')?.reason === 'workshopFull', 'the resident is told the workshop is full')
    expect(items(resident.doc).has('one-too-many')).toBe(true)
    // A facilitator who connects now sees where it stands.
    const late = connectControl(resources, server.url, created.id, created.token)
    await waitFor(() => lastMessage(late, 'capacity')?.level === 'full', 'a late facilitator is told it is full')
    expect(items(late.doc).has('one-too-many')).toBe(false)
    // Held notes are capped too.
    const submit = await resident.call({ type: 'note.submit', noteId: 'held-1', text: 'a private note' })
    expect(submit).toMatchObject({ ok: false, error: 'workshopFull' })

    // Deleting still works, and once the workshop is compacted the room is there again.
    facilitator.doc.transact(() => {
      for (let i = 0; i < 15; i++) items(facilitator.doc).delete(`note-${i}`)
    })
    await waitFor(() => !items(resident.doc).has('note-0'), 'the deletion reaches the resident')
    // The level is measured at each commit: the facilitator goes on working, and is told at the first after the compaction.
    let changes = 0
    await waitFor(() => {
      getWorkshopMaps(facilitator.doc).meta.set('title', `Verksted ${++changes}`)
      return lastMessage(facilitator, 'capacity')?.level === 'ok'
    }, 'below the warning level again')
    Y.applyUpdate(resident.doc, noteUpdate(boardId, 'room-again', 'y'.repeat(1_000)))
    await waitFor(() => items(facilitator.doc).has('room-again'), 'a new note is accepted again')
  })
})
