import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { JOIN_CODE_ALPHABET, JOIN_DEVICE_HEADER, type WorkshopAccessInfo } from '../../shared/access'
import { defaultLimits } from '../../server/limits/limits'
import { initializeWorkshop } from '../../shared/doc/workshopDoc'
import { CloseCode } from '../../shared/protocol'
import { SqlitePersistence } from '../../server/persistence/SqlitePersistence'
import {
  closedByServer,
  createWorkshopWithAccess,
  joinWorkshop,
  synced,
  TestResources,
  tokenOf,
  withTimeout,
  type Client,
} from './helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

async function startServer(options: { publicUrl?: string } = {}) {
  return resources.startServer({ dataDir: await resources.tempDir(), ...options })
}

function postJoin(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
}

function accessCall(url: string, workshopId: string, action: '' | '/rotate' | '/close-legacy', token?: string): Promise<Response> {
  return fetch(`${url}/api/workshops/${workshopId}/access${action}`, {
    method: action === '' ? 'GET' : 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
}

/** Resolves with the close code when the server refuses the client, or 'synced' when it lets it in. */
function outcome(client: Client): Promise<number | 'synced'> {
  return withTimeout(
    new Promise((resolve) => {
      client.provider.on('connection-close', (event) => {
        if (event && event.code >= 4000) resolve(event.code)
      })
      // A refused client never syncs: its 10-s timeout rejecting later is expected, not an error
      // (unhandled, it failed whichever test file the worker ran next).
      void synced(client.provider).then(
        () => resolve('synced'),
        () => {},
      )
    }),
    10_000,
    'connection outcome',
  )
}

describe('POST /api/workshops', () => {
  it('answers with an unguessable id, a join code and three links carrying tokens', async () => {
    const server = await startServer()
    const a = await createWorkshopWithAccess(server.url, { title: 'Innbyggerdialog' })
    const b = await createWorkshopWithAccess(server.url, { title: 'Innbyggerdialog' })
    expect(a.id.length).toBeGreaterThanOrEqual(16)
    for (const char of a.code) expect(JOIN_CODE_ALPHABET).toContain(char)
    expect(a.code).toHaveLength(6)
    expect(a.code).not.toBe(b.code)
    for (const role of ['facilitator', 'participant', 'observer'] as const) {
      const link = new URL(a.links[role])
      expect(link.origin).toBe(server.url)
      expect(link.pathname).toBe(`/w/${a.id}`)
      expect(link.searchParams.get('token')?.length).toBeGreaterThanOrEqual(24)
    }
    expect(new Set(Object.values(a.links).map(tokenOf)).size).toBe(3)
    expect(tokenOf(a.links.facilitator)).toBe(a.token)
  })

  it('builds links on PUBLIC_URL when it is set', async () => {
    const server = await startServer({ publicUrl: 'https://samskap.kommune.no/' })
    const created = await createWorkshopWithAccess(server.url)
    expect(created.links.participant).toMatch(new RegExp(`^https://samskap\\.kommune\\.no/w/${created.id}\\?token=`))
  })
})

describe('POST /api/join', () => {
  it('gives each person who types the code a personal participant token', async () => {
    const server = await startServer()
    const created = await createWorkshopWithAccess(server.url, { title: 'Bydelsmøte' })
    const typed = `${created.code.slice(0, 3).toLowerCase()} ${created.code.slice(3)}`
    const kari = await joinWorkshop(server.url, { code: typed })
    const ola = await joinWorkshop(server.url, { code: created.code })
    expect(kari).toMatchObject({ workshopId: created.id, role: 'participant', title: 'Bydelsmøte' })
    expect(kari.participantId).not.toBe(ola.participantId)
    expect(kari.token).not.toBe(ola.token)
    expect(kari.token.startsWith(`${kari.participantId}.`)).toBe(true)
  })

  it('exchanges the participant link for a personal token, and tells other links their role', async () => {
    const server = await startServer()
    const created = await createWorkshopWithAccess(server.url)
    const viaLink = await joinWorkshop(server.url, { workshopId: created.id, token: tokenOf(created.links.participant) })
    expect(viaLink.role).toBe('participant')
    expect(viaLink.token).not.toBe(tokenOf(created.links.participant))
    const facilitator = await joinWorkshop(server.url, { workshopId: created.id, token: created.token })
    expect(facilitator).toMatchObject({ role: 'facilitator', token: created.token })
    const observer = await joinWorkshop(server.url, { workshopId: created.id, token: tokenOf(created.links.observer) })
    expect(observer.role).toBe('observer')
    const again = await joinWorkshop(server.url, { workshopId: created.id, token: viaLink.token })
    expect(again).toMatchObject({ role: 'participant', participantId: viaLink.participantId, token: viaLink.token })
    const forged = await postJoin(server.url, { workshopId: created.id, token: `${viaLink.participantId}.forged-signature-000000000000` })
    expect(forged.status).toBe(403)
  })

  it('answers a wrong code with 404 and a message; a device that keeps guessing gets 429 with Retry-After, even for a right one', async () => {
    const server = await startServer()
    const created = await createWorkshopWithAccess(server.url)
    const wrong = created.code === 'ABC234' ? 'ABC235' : 'ABC234'
    const device = { [JOIN_DEVICE_HEADER]: 'guessing-phone-1' }
    const first = await postJoin(server.url, { code: wrong }, device)
    expect(first.status).toBe(404)
    expect(((await first.json()) as { error: string }).error).toMatch(/code/)
    const malformed = await postJoin(server.url, { code: 'not a code' }, device)
    expect(malformed.status).toBe(404)
    for (let i = 2; i < defaultLimits.joinFailuresPerDevicePer5Minutes; i++) expect((await postJoin(server.url, { code: wrong }, device)).status).toBe(404)
    const limited = await postJoin(server.url, { code: wrong }, device)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await limited.json()) as { error: string }).error).toMatch(/Too many/)
    expect((await postJoin(server.url, { code: created.code }, device)).status).toBe(429)
    // The phone beside it, on the same Wi-Fi, joins.
    expect((await postJoin(server.url, { code: created.code }, { [JOIN_DEVICE_HEADER]: 'next-phone-2' })).status).toBe(200)
  })

  it('refuses bodies that are not a code or a link token with 400', async () => {
    const server = await startServer()
    for (const body of [{}, { code: 5 }, { workshopId: 'x' }, [], { code: 'ABC234', extra: 1 }]) {
      const response = await postJoin(server.url, body)
      expect(response.status, JSON.stringify(body)).toBe(400)
    }
    expect((await fetch(`${server.url}/api/join`)).status).toBe(405)
  })
})

describe('the websocket door', () => {
  it('closes a socket without a token with 4401 and with a wrong one with 4403, with a reason', async () => {
    const server = await startServer()
    const created = await createWorkshopWithAccess(server.url)
    const anonymous = await resources.rawSocket(server.url, created.id, { token: '' })
    const refused = await closedByServer(anonymous)
    expect(refused.code).toBe(CloseCode.Unauthorized)
    expect(refused.reason).toMatch(/link|code/)
    const wrong = await resources.rawSocket(server.url, created.id, { token: 'x'.repeat(32) })
    expect((await closedByServer(wrong)).code).toBe(CloseCode.Forbidden)
  })

  it('refuses a removed participant at their next socket, even when the removal was stored by another writer a moment before', async () => {
    const dataDir = await resources.tempDir()
    const server = await resources.startServer({ dataDir })
    const created = await createWorkshopWithAccess(server.url)
    const kari = await joinWorkshop(server.url, { code: created.code })
    const ola = await joinWorkshop(server.url, { code: created.code })
    // Kari's token has been checked (and the workshop's access read) by this server already.
    const first = resources.connect(server.url, created.id, { params: { token: kari.token } })
    expect(await outcome(first)).toBe('synced')
    first.provider.destroy()
    // As another instance removes someone: straight into the shared storage, nothing in this process told.
    const elsewhere = new SqlitePersistence(dataDir)
    await elsewhere.addRemovedParticipants(created.id, [kari.participantId])
    await elsewhere.close()
    expect(await outcome(resources.connect(server.url, created.id, { params: { token: kari.token } }))).toBe(CloseCode.Removed)
    expect(await outcome(resources.connect(server.url, created.id, { params: { token: ola.token } }))).toBe('synced')
  })

  it('lets every kind of link in', async () => {
    const server = await startServer()
    const created = await createWorkshopWithAccess(server.url)
    const participant = await joinWorkshop(server.url, { code: created.code })
    for (const token of [created.token, tokenOf(created.links.observer), tokenOf(created.links.participant), participant.token]) {
      expect(await outcome(resources.connect(server.url, created.id, { params: { token } }))).toBe('synced')
    }
  })
})

describe('/api/workshops/<id>/access', () => {
  it('shows the facilitator the code and links, and nobody else', async () => {
    const server = await startServer()
    const created = await createWorkshopWithAccess(server.url)
    const participant = await joinWorkshop(server.url, { code: created.code })
    const info = (await (await accessCall(server.url, created.id, '', created.token)).json()) as WorkshopAccessInfo
    expect(info).toMatchObject({ id: created.id, code: created.code, links: created.links, joinUrl: `${server.url}/join`, joinCodeUrl: `${server.url}/join/${created.code}` })
    expect((await accessCall(server.url, created.id, '')).status).toBe(401)
    expect((await accessCall(server.url, created.id, '', participant.token)).status).toBe(403)
    expect((await accessCall(server.url, created.id, '', tokenOf(created.links.observer))).status).toBe(403)
    expect((await accessCall(server.url, 'doesNotExist12345678', '', created.token)).status).toBe(404)
  })

  it('rotating the participant link stops the old code and link, while people already in stay in', async () => {
    const server = await startServer()
    const created = await createWorkshopWithAccess(server.url)
    const inside = await joinWorkshop(server.url, { code: created.code })
    const rotated = (await (await accessCall(server.url, created.id, '/rotate', created.token)).json()) as WorkshopAccessInfo
    expect(rotated.code).not.toBe(created.code)
    expect(rotated.links.participant).not.toBe(created.links.participant)
    expect(rotated.links.facilitator).toBe(created.links.facilitator)
    expect((await postJoin(server.url, { code: created.code })).status).toBe(404)
    expect((await postJoin(server.url, { workshopId: created.id, token: tokenOf(created.links.participant) })).status).toBe(403)
    expect((await joinWorkshop(server.url, { code: rotated.code })).workshopId).toBe(created.id)
    expect(await outcome(resources.connect(server.url, created.id, { params: { token: inside.token } }))).toBe('synced')
    expect(await outcome(resources.connect(server.url, created.id, { params: { token: tokenOf(created.links.participant) } }))).toBe(CloseCode.Forbidden)
    expect((await accessCall(server.url, created.id, '/rotate', inside.token)).status).toBe(403)
  })
})

describe('workshops from before roles', () => {
  it('open without a token as facilitator until a facilitator closes the old address', async () => {
    const dataDir = await resources.tempDir()
    const id = 'oldWorkshop0000000001'
    const doc = new Y.Doc()
    initializeWorkshop(doc, {
      meta: { title: 'Fra i fjor', language: 'nb', createdAt: 1 },
      firstBoard: { id: 'b1', title: 'Tavle 1', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' },
    })
    // Written as the previous version did: no access row.
    const direct = new SqlitePersistence(dataDir)
    await direct.createWorkshop({ id, title: 'Fra i fjor', language: 'nb', createdAt: 1 }, Y.encodeStateAsUpdate(doc), {
      workshopId: id,
      code: 'ZZZ999',
      facilitatorKey: 'f',
      participantKey: 'p',
      observerKey: 'o',
      secret: 's',
      legacyOpen: false,
    })
    await direct.close()
    const raw = new (await import('better-sqlite3')).default(`${dataDir}/samskap.sqlite`)
    raw.prepare('DELETE FROM workshop_access WHERE workshop_id = ?').run(id)
    raw.close()

    const server = await resources.startServer({ dataDir })
    expect(await outcome(resources.connect(server.url, id, { params: { token: '' } }))).toBe('synced')
    const info = (await (await accessCall(server.url, id, '')).json()) as WorkshopAccessInfo & { legacyOpen: boolean }
    expect(info.legacyOpen).toBe(true)
    expect(info.code).toHaveLength(6)
    const closed = (await (await accessCall(server.url, id, '/close-legacy', tokenOf(info.links.facilitator))).json()) as { legacyOpen: boolean }
    expect(closed.legacyOpen).toBe(false)
    expect(await outcome(resources.connect(server.url, id, { params: { token: '' } }))).toBe(CloseCode.Unauthorized)
    expect(await outcome(resources.connect(server.url, id, { params: { token: tokenOf(info.links.facilitator) } }))).toBe('synced')
  })
})

describe('history needs the facilitator', () => {
  it('answers 401 without a token and 403 to a participant', async () => {
    const server = await startServer()
    const created = await createWorkshopWithAccess(server.url)
    const participant = await joinWorkshop(server.url, { code: created.code })
    expect((await fetch(`${server.url}/api/workshops/${created.id}/history`)).status).toBe(401)
    const asParticipant = await fetch(`${server.url}/api/workshops/${created.id}/history`, { headers: { authorization: `Bearer ${participant.token}` } })
    expect(asParticipant.status).toBe(403)
    const asFacilitator = await fetch(`${server.url}/api/workshops/${created.id}/history?token=${created.token}`)
    expect(asFacilitator.status).toBe(200)
  })
})
