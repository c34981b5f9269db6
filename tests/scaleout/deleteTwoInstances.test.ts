import { afterEach, describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import { CloseCode } from '../../shared/protocol'
import { rememberFacilitator, synced, TestResources, waitFor, withTimeout, type Client } from '../server/helpers'
import { addNumberedNote, numberedNotes } from '../server/testNotes'
import { isolate, queryTestSchema, twoInstancesWithSignIn } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

/** The first close the server sends the client, with its code and reason. */
function firstClose(client: Client): Promise<{ code: number; reason: string }> {
  return withTimeout(
    new Promise((resolve) => {
      const onClose = (event: { code: number; reason: string } | null) => {
        if (!event) return
        client.provider.off('connection-close', onClose)
        resolve({ code: event.code, reason: event.reason })
      }
      client.provider.on('connection-close', onClose)
    }),
    10_000,
    'the server did not close the socket',
  )
}

async function metricValue(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text()
  const line = text.split('\n').find((candidate) => candidate.startsWith(name + ' '))
  return Number(line?.split(' ')[1] ?? 0)
}

describe('deleting a workshop with two instances', () => {
  it('closes its room on both with the same code and reason, and nothing of it is written afterwards', async () => {
    const isolation = await isolate(resources)
    const { started: [first, second], signIn } = await twoInstancesWithSignIn(resources, isolation)

    const ola = await signIn('ola', first)
    const response = await fetch(`${first.url}/api/workshops`, {
      method: 'POST',
      headers: { cookie: ola, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Slettes' }),
    })
    const created = (await response.json()) as CreatedWorkshop
    rememberFacilitator(created)
    const id = created.id
    const onFirst = resources.connect(first.url, id)
    const onSecond = resources.connect(second.url, id)
    await Promise.all([synced(onFirst.provider), synced(onSecond.provider)])
    const closes = [firstClose(onFirst), firstClose(onSecond)]

    // The client on the second instance keeps writing while the first deletes the workshop.
    let written = 0
    const writer = setInterval(() => addNumberedNote(onSecond.doc, 'typing', written++), 5)
    resources.defer(() => clearInterval(writer))
    await waitFor(() => numberedNotes(onFirst.doc, 'typing').length > 5, 'the first instance relays the second one’s edits')

    const kari = await signIn('kari', first)
    const deleted = await fetch(`${first.url}/api/admin/workshops/${id}/delete`, { method: 'POST', headers: { cookie: kari, origin: first.url } })
    expect(deleted.status).toBe(200)

    const [onFirstClosed, onSecondClosed] = await Promise.all(closes)
    expect(onFirstClosed).toEqual({ code: CloseCode.WorkshopNotFound, reason: 'This workshop was deleted' })
    expect(onSecondClosed).toEqual(onFirstClosed)
    // The second instance let go of the room before the rows went, without writing it back.
    expect(await metricValue(second.url, 'samskap_rooms_loaded')).toBe(0)
    const left = await queryTestSchema(
      isolation,
      `SELECT 'workshops' AS t FROM workshops WHERE id = $1
       UNION ALL SELECT 'updates' FROM updates WHERE workshop_id LIKE $1 || '%'
       UNION ALL SELECT 'snapshots' FROM snapshots WHERE workshop_id LIKE $1 || '%'
       UNION ALL SELECT 'access' FROM workshop_access WHERE workshop_id = $1`,
      [id],
    )
    expect(left).toEqual([])

    // Its pages come back to "not found" on either instance, and still nothing is written.
    await waitFor(() => !onSecond.provider.wsconnected && written > 0, 'the writer is disconnected')
    const again = resources.connect(second.url, id)
    expect(await firstClose(again)).toEqual({ code: CloseCode.WorkshopNotFound, reason: 'Workshop not found' })
    expect(await queryTestSchema(isolation, 'SELECT 1 FROM updates UNION ALL SELECT 1 FROM snapshots')).toEqual([])
  })
})
