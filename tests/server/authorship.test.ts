import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { CloseCode } from '../../shared/protocol'
import type { NoteRecord } from '../../shared/schema/records/note'
import { closedByServer, connectControl, createWorkshopWithAccess, joinWorkshop, synced, TestResources, waitFor, type ControlClient } from './helpers'
import { forgeAs, holds, listen, storedBytes, updateFrame } from './trustAttacks'

/**
 * A Yjs client id belongs to whoever first wrote under it (docs/schema.md, "Who may write what").
 * Each attack is made with plain y-websocket clients for the people attacked and a raw socket
 * speaking the protocol by hand for the attacker, who holds a participant's personal token.
 */
const resources = new TestResources()
afterEach(() => resources.dispose())

const note = (id: string, boardId: string, text: string): NoteRecord => ({
  id, kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '',
})
const textOf = (client: { doc: Y.Doc }, id: string) => getWorkshopMaps(client.doc).items.get(id)?.get('text')

async function workshop(dataDir?: string) {
  const dir = dataDir ?? (await resources.tempDir())
  const server = await resources.startServer({ dataDir: dir })
  const created = await createWorkshopWithAccess(server.url, { title: 'Tillit' })
  const panel = connectControl(resources, server.url, created.id, created.token)
  await synced(panel.provider)
  const boardId = [...getWorkshopMaps(panel.doc).boards.keys()][0]!
  const participant = async (doc = new Y.Doc()) => {
    const joined = await joinWorkshop(server.url, { code: created.code })
    const client = connectControl(resources, server.url, created.id, joined.token, { doc })
    await synced(client.provider)
    return { client, token: joined.token }
  }
  /** The attacker: a participant of their own, on a raw socket. */
  const attacker = async () => {
    const { token } = await joinWorkshop(server.url, { code: created.code })
    const socket = await resources.rawSocket(server.url, created.id, { token, control: '1' })
    return { socket, heard: listen(socket), closed: closedByServer(socket) }
  }
  return { dir, server, created, panel, boardId, participant, attacker }
}

/** Kari's edits all reach the panel: the text of `k` ends as the last one, and every note is there. */
async function kariGoesOn(kari: ControlClient, panel: ControlClient, boardId: string, rounds: number): Promise<void> {
  const { items } = getWorkshopMaps(kari.doc)
  for (let i = 1; i <= rounds; i++) {
    items.set(`k${i}`, createRecordMap(note(`k${i}`, boardId, `Kari ${i}`)))
    items.get('k0')!.set('text', `Kari endret ${i}`)
  }
  await waitFor(() => textOf(panel, 'k0') === `Kari endret ${rounds}`, 'Kari’s last edit reaches the panel')
  for (let i = 1; i <= rounds; i++) expect(textOf(panel, `k${i}`)).toBe(`Kari ${i}`)
  expect(kari.messages.filter((m) => m.type === 'refused')).toEqual([])
}

describe('forged authorship', () => {
  it('an update under a participant’s client id and clock is refused whole; 0 of their later edits are lost', async () => {
    const { panel, boardId, participant, attacker, dir } = await workshop()
    const { client: kari } = await participant()
    getWorkshopMaps(kari.doc).items.set('k0', createRecordMap(note('k0', boardId, 'Kari skrev')))
    await waitFor(() => textOf(panel, 'k0') === 'Kari skrev', 'Kari’s note reaches the panel')

    const per = await attacker()
    per.socket.send(
      updateFrame(
        forgeAs(kari.doc, (doc) => {
          getWorkshopMaps(doc).items.get('k0')!.set('text', 'Forfalsket tekst')
          getWorkshopMaps(doc).items.set('f1', createRecordMap(note('f1', boardId, 'Forfalsket notat')))
        }),
      ),
    )
    expect(await per.closed).toMatchObject({ code: CloseCode.ClientIdTaken })
    expect(per.heard.control).toContainEqual(expect.objectContaining({ type: 'refused', reason: 'authorship' }))

    // Kari's next edits use the very clocks the forgery used: all of them stand.
    await kariGoesOn(kari, panel, boardId, 3)
    expect(getWorkshopMaps(panel.doc).items.has('f1')).toBe(false)
    expect(panel.received('Forfalsket')).toBe(false)
    expect(kari.received('Forfalsket')).toBe(false)
    expect(holds(storedBytes(dir), 'Forfalsket')).toBe(false)
  })

  it('an id announced in presence is bound before anyone can learn it: forging it before its first edit fails too', async () => {
    const { panel, boardId, participant, attacker } = await workshop()
    const { client: kari } = await participant()
    // Kari has written nothing yet; everyone learns her client id from her presence.
    kari.provider.awareness.setLocalStateField('user', { name: 'Kari' })
    await waitFor(() => panel.provider.awareness.getStates().has(kari.doc.clientID), 'Kari’s presence reaches the panel')
    const per = await attacker()
    per.socket.send(updateFrame(forgeAs(kari.doc, (doc) => getWorkshopMaps(doc).items.set('k0', createRecordMap(note('k0', boardId, 'Forfalsket'))))))
    expect(await per.closed).toMatchObject({ code: CloseCode.ClientIdTaken })
    getWorkshopMaps(kari.doc).items.set('k0', createRecordMap(note('k0', boardId, 'Kari skrev')))
    await kariGoesOn(kari, panel, boardId, 2)
    expect(panel.received('Forfalsket')).toBe(false)
  })

  it('structs under the facilitator’s client id do not borrow the facilitator’s authority', async () => {
    const { server, created, panel, boardId, attacker, dir } = await workshop()
    const facilitator = connectControl(resources, server.url, created.id, created.token)
    await synced(facilitator.provider)
    getWorkshopMaps(facilitator.doc).items.set('fac', createRecordMap(note('fac', boardId, 'Fasilitatoren skrev')))
    await waitFor(() => textOf(panel, 'fac') === 'Fasilitatoren skrev', 'the facilitator’s note reaches the panel')
    const sessionBefore = getWorkshopMaps(panel.doc).session.toJSON()

    const per = await attacker()
    per.socket.send(
      updateFrame(
        forgeAs(facilitator.doc, (doc) => {
          const maps = getWorkshopMaps(doc)
          maps.session.set('ownItemsOnly', true)
          maps.boards.get(boardId)!.set('title', 'Overtatt tavle')
          maps.items.get('fac')!.set('text', 'Overtatt notat')
        }),
      ),
    )
    expect(await per.closed).toMatchObject({ code: CloseCode.ClientIdTaken })

    getWorkshopMaps(facilitator.doc).boards.get(boardId)!.set('title', 'Fasilitatorens tavle')
    await waitFor(() => getWorkshopMaps(panel.doc).boards.get(boardId)?.get('title') === 'Fasilitatorens tavle', 'the facilitator’s rename reaches the panel')
    expect(getWorkshopMaps(panel.doc).session.toJSON()).toEqual(sessionBefore)
    expect(textOf(panel, 'fac')).toBe('Fasilitatoren skrev')
    expect(panel.received('Overtatt')).toBe(false)
    expect(holds(storedBytes(dir), 'Overtatt')).toBe(false)
  })

  it('the binding holds across a restart, and a person reconnecting with their own id goes on as before', async () => {
    const first = await workshop()
    const kariDoc = new Y.Doc()
    const { client: kari, token: kariToken } = await first.participant(kariDoc)
    getWorkshopMaps(kari.doc).items.set('k0', createRecordMap(note('k0', first.boardId, 'Før omstart')))
    await waitFor(() => textOf(first.panel, 'k0') === 'Før omstart', 'Kari’s note reaches the panel')
    kari.provider.disconnect()
    first.panel.provider.disconnect()
    await first.server.close()
    // Offline meanwhile: sent under her own id when she is back.
    getWorkshopMaps(kariDoc).items.get('k0')!.set('text', 'Skrevet uten nett')

    const server = await resources.startServer({ dataDir: first.dir })
    const panel = connectControl(resources, server.url, first.created.id, first.created.token)
    const back = connectControl(resources, server.url, first.created.id, kariToken, { doc: kariDoc })
    await Promise.all([synced(panel.provider), synced(back.provider)])
    await waitFor(() => textOf(panel, 'k0') === 'Skrevet uten nett', 'Kari’s offline edit reaches the panel')

    const { token } = await joinWorkshop(server.url, { code: first.created.code })
    const socket = await resources.rawSocket(server.url, first.created.id, { token, control: '1' })
    const closed = closedByServer(socket)
    socket.send(updateFrame(forgeAs(kariDoc, (doc) => getWorkshopMaps(doc).items.get('k0')!.set('text', 'Forfalsket etter omstart'))))
    expect(await closed).toMatchObject({ code: CloseCode.ClientIdTaken })
    await kariGoesOn(back, panel, first.boardId, 2)
    expect(back.messages.filter((m) => m.type === 'refused')).toEqual([])
  })
})

describe('the schema parameter', () => {
  it('is required of participants and observers (4428), not of the facilitator’s tools', async () => {
    const { server, created } = await workshop()
    const { token } = await joinWorkshop(server.url, { code: created.code })
    const participant = await resources.rawSocket(server.url, created.id, { token, schema: '' })
    expect(await closedByServer(participant)).toMatchObject({ code: CloseCode.SchemaMissing })
    const observer = await resources.rawSocket(server.url, created.id, { token: new URL(created.links.observer).searchParams.get('token')!, schema: '' })
    expect(await closedByServer(observer)).toMatchObject({ code: CloseCode.SchemaMissing })
    const tool = resources.connect(server.url, created.id, { params: { schema: '' } })
    await synced(tool.provider)
  })
})
