import { afterEach, describe, expect, it } from 'vitest'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { readSession } from '../../shared/schema/records/sessionHistory'
import { CloseCode } from '../../shared/protocol'
import { connectControl, createWorkshopWithAccess, joinWorkshop, lastMessage, synced, TestResources, waitFor, withTimeout } from '../server/helpers'
import { isolate, startInstance } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

describe('facilitation across two instances', () => {
  it('held notes, tallies, reveal and removal reach people on the other instance', async () => {
    const isolation = await isolate(resources)
    const first = await startInstance(resources, isolation)
    const second = await startInstance(resources, isolation)
    const created = await createWorkshopWithAccess(first.url, { title: 'To instanser' })
    const facilitator = connectControl(resources, first.url, created.id, created.token)
    await synced(facilitator.provider)
    const boardId = [...getWorkshopMaps(facilitator.doc).boards.keys()][0]!
    const kariJoin = await joinWorkshop(second.url, { code: created.code })
    const kari = connectControl(resources, second.url, created.id, kariJoin.token)
    const olaJoin = await joinWorkshop(first.url, { code: created.code })
    const ola = connectControl(resources, first.url, created.id, olaJoin.token)
    await Promise.all([synced(kari.provider), synced(ola.provider)])

    // Private writing started on the first instance, written on the second: the facilitator sees it, Ola never does.
    expect(await facilitator.call({ type: 'phase.private', boardId, lane: '', facilitatorSees: true })).toMatchObject({ ok: true })
    await waitFor(() => readSession(getWorkshopMaps(kari.doc).session.toJSON()).session.phase.kind === 'private', 'phase on the second instance')
    const secret = 'Privat-fra-instans-to-5512'
    expect(await kari.call({ type: 'note.submit', noteId: 'kari-1', text: secret })).toMatchObject({ ok: true, result: { outcome: 'private' } })
    await waitFor(() => (lastMessage(facilitator, 'held')?.upsert ?? []).some((n) => n.text === secret), 'the facilitator on the first instance sees it')
    expect(ola.received(secret)).toBe(false)
    expect(await facilitator.call({ type: 'phase.reveal' })).toMatchObject({ ok: true, result: { revealed: 1 } })
    await waitFor(() => getWorkshopMaps(ola.doc).items.get('kari-1')?.get('text') === secret, 'revealed to Ola')

    // Dots given on both instances add up for everyone.
    getWorkshopMaps(facilitator.doc).items.set('b', createRecordMap({ ...getWorkshopMaps(facilitator.doc).items.get('kari-1')!.toJSON(), id: 'b', text: 'b' }))
    await waitFor(() => getWorkshopMaps(kari.doc).items.has('b'), 'second note on the second instance')
    expect(await facilitator.call({ type: 'vote.open', boardId, lane: '', votesPerPerson: 2, maxPerItem: 2, hidden: false })).toMatchObject({ ok: true })
    await waitFor(() => readSession(getWorkshopMaps(kari.doc).session.toJSON()).session.vote?.status === 'open', 'vote open on the second instance')
    expect(await kari.call({ type: 'vote.cast', itemId: 'kari-1' })).toMatchObject({ ok: true })
    expect(await ola.call({ type: 'vote.cast', itemId: 'kari-1' })).toMatchObject({ ok: true })
    expect(await ola.call({ type: 'vote.cast', itemId: 'b' })).toMatchObject({ ok: true })
    await waitFor(() => lastMessage(kari, 'tally')?.dots === 3 && lastMessage(facilitator, 'tally')?.dots === 3, 'tally on both instances')
    expect(lastMessage(kari, 'tally')).toMatchObject({ counts: { 'kari-1': 2, b: 1 }, voters: 2 })
    expect(await facilitator.call({ type: 'vote.close' })).toMatchObject({ ok: true })
    await waitFor(() => readSession(getWorkshopMaps(kari.doc).session.toJSON()).session.vote?.status === 'closed', 'closed on the second instance')
    expect(readSession(getWorkshopMaps(kari.doc).session.toJSON()).session.vote?.results).toEqual({ 'kari-1': 2, b: 1 })

    // Removed on the first instance, closed on the second.
    const closed = withTimeout(
      new Promise<number>((resolve) => kari.provider.on('connection-close', (event) => event && event.code >= 4000 && resolve(event.code))),
      10_000,
      'Kari closed on the second instance',
    )
    expect(await facilitator.call({ type: 'participant.remove', participantId: kariJoin.participantId })).toMatchObject({ ok: true })
    expect(await closed).toBe(CloseCode.Removed)
    // Refused at the door of either instance, and by the API (the removal is in the shared database).
    const rejoin = await fetch(`${second.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workshopId: created.id, token: kariJoin.token }),
    })
    expect(rejoin.status).toBe(403)
    expect(((await rejoin.json()) as { reason: string }).reason).toBe('removed')
  })
})
