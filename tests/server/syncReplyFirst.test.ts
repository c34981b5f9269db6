import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { messageSync } from '../../shared/protocol'
import type { NoteRecord } from '../../shared/schema/records/note'
import { readSession } from '../../shared/schema/records/sessionHistory'
import { connectControl, createWorkshopWithAccess, joinWorkshop, sameState, synced, TestResources, waitFor } from './helpers'

/**
 * A client that reconnects gets the document it lacks in its sync reply; an update the room
 * broadcasts before that reply may build on state the client does not hold yet. Yjs applies such
 * an update's deletes at once and holds its structs until what they build on arrives, so a record
 * whose map the update replaces (a refused delete undone as a copy, server/sync/UndoableApply.ts)
 * vanished from the reconnecting screen until the reply came. The guard fuzz found it under load
 * (seed 8: "seen deleted by another client but is in the final document"). The room now sends its
 * update broadcasts to a connection only once it has sent it the document (SyncConnection.hasDocument).
 */
const resources = new TestResources()
afterEach(() => resources.dispose())

const note = (id: string, boardId: string, text: string): NoteRecord => ({
  id, kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '',
})

describe('a reconnecting client', () => {
  it('is sent no update before its sync reply, so a record replaced meanwhile never vanishes from its screen', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const created = await createWorkshopWithAccess(server.url, { title: 'Gjenkobling' })
    const panel = connectControl(resources, server.url, created.id, created.token)
    const facilitator = connectControl(resources, server.url, created.id, created.token)
    const joined = await joinWorkshop(server.url, { code: created.code })
    const kari = connectControl(resources, server.url, created.id, joined.token)
    await Promise.all([panel, facilitator, kari].map((client) => synced(client.provider)))
    const boardId = [...getWorkshopMaps(panel.doc).boards.keys()][0]!
    const items = (doc: Y.Doc) => getWorkshopMaps(doc).items
    items(facilitator.doc).set('m', createRecordMap(note('m', boardId, 'Den første')))
    items(facilitator.doc).set('n', createRecordMap(note('n', boardId, 'Den andre')))
    await waitFor(() => items(kari.doc).has('n') && items(kari.doc).has('m'), 'the notes reach Kari')
    // Kari may change only her own: each delete of hers below is refused and undone by a copy.
    expect(await panel.call({ type: 'ownItems.set', enabled: true })).toMatchObject({ ok: true })
    await waitFor(() => readSession(getWorkshopMaps(kari.doc).session.toJSON()).session.ownItemsOnly, 'only their own reaches Kari')
    const converged = () => sameState(kari.doc, panel.doc) && items(kari.doc).has('m') && items(kari.doc).has('n')

    // While the facilitator's board is offline, the server writes what it will lack: the copy of m.
    facilitator.provider.disconnect()
    items(kari.doc).delete('m')
    await waitFor(() => converged() && items(panel.doc).get('m')!._item!.id.client !== facilitator.doc.clientID, 'm is restored as the server’s copy')

    // The board comes back on a socket of its own, and holds its sync request until Kari's next
    // refused delete (of n, whose map it holds) was applied and relayed.
    const seen: { kind: string; hasNote: boolean }[] = []
    let asked = false
    const socket = await resources.rawSocket(server.url, created.id, { token: created.token }, (data) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) !== messageSync) return
      const kind = decoding.readVarUint(decoder)
      if (kind === syncProtocol.messageYjsSyncStep1) asked = true
      else Y.applyUpdate(facilitator.doc, decoding.readVarUint8Array(decoder), 'server')
      seen.push({ kind: kind === syncProtocol.messageYjsSyncStep2 ? 'reply' : kind === syncProtocol.messageYjsUpdate ? 'update' : 'request', hasNote: items(facilitator.doc).has('n') })
    })
    await waitFor(() => asked, 'the room asks the board for its state (it has joined)')
    items(kari.doc).delete('n')
    await waitFor(() => converged() && items(panel.doc).get('n')!._item!.id.client !== facilitator.doc.clientID, 'n is restored as the server’s copy')

    sendSyncRequest(socket, facilitator.doc)
    await waitFor(() => seen.some((message) => message.kind === 'reply') && sameState(facilitator.doc, panel.doc), 'the board catches up')
    expect(seen.filter((message) => !message.hasNote), `what the board held after each message: ${JSON.stringify(seen)}`).toEqual([])
    const reply = seen.findIndex((message) => message.kind === 'reply')
    expect(seen.slice(0, reply).map((message) => message.kind), 'what came before the reply').not.toContain('update')
    expect(facilitator.doc.store.pendingStructs).toBeNull()
    expect(getWorkshopMaps(facilitator.doc).items.toJSON()).toEqual(getWorkshopMaps(panel.doc).items.toJSON())
  })
})

function sendSyncRequest(socket: WebSocket, doc: Y.Doc): void {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep1(encoder, doc)
  socket.send(encoding.toUint8Array(encoder))
}
