import fs from 'node:fs'
import { createHash } from 'node:crypto'
import path from 'node:path'
import { WebSocket } from 'ws'
import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { currentSchema, encodeSchemaVersions } from '../../shared/schema/schema'
import { messageControl, SYNC_PATH } from '../../shared/protocol'
import type { AdminWorkshopRow, SessionInfo, StaffWorkshop, WorkshopStaffInfo } from '../../shared/staff'
import { signInByHttp } from '../oidc/signInByHttp'
import { withSignIn } from '../oidc/withSignIn'
import { testPng } from '../testPng'
import { synced, TestResources, wsUrl } from './helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

/** A Samskap server with sign-in through a real OpenID provider started for the test. */
async function serverWithSignIn() {
  const dataDir = await resources.tempDir()
  const { idp, started: server, signIn } = await withSignIn(resources, (auth) => resources.startServer({ dataDir, auth, unloadDelayMs: 100 }))
  return { idp, server, dataDir, signIn }
}

function api(url: string, cookie: string | null, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (cookie) headers.set('cookie', cookie)
  if (init.json !== undefined) headers.set('content-type', 'application/json')
  return fetch(url, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body })
}

async function createAs(url: string, cookie: string | null, title = 'Medverknad i Nordby'): Promise<Response> {
  return api(`${url}/api/workshops`, cookie, { method: 'POST', json: { title, language: 'nb', boardTitle: 'Tavle 1' } })
}

/**
 * Opens a sync socket as a browser would (cookie and Origin headers, no token unless given) and
 * resolves with the role in the server's welcome, or the close code if it refused.
 */
function openSocket(url: string, workshopId: string, headers: Record<string, string>, token?: string): Promise<{ role?: string; code?: number }> {
  // As the app connects: with its schema versions (participants without them are closed, 4428).
  const query = new URLSearchParams({ control: '1', schema: encodeSchemaVersions(currentSchema), ...(token ? { token } : {}) })
  const socket = new WebSocket(`${wsUrl(url)}${SYNC_PATH}/${workshopId}?${query}`, { headers })
  resources.defer(() => socket.terminate())
  return new Promise((resolve) => {
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) !== messageControl) return
      const message = JSON.parse(decoding.readVarString(decoder)) as { type: string; role?: string }
      if (message.type === 'welcome') resolve({ role: message.role })
    })
    socket.on('close', (code) => resolve({ code }))
  })
}

describe('staff sign-in (OpenID Connect against a real provider)', () => {
  it('creating and importing a workshop answer 401 without a signed-in staff member; signed in, the creator owns it', async () => {
    const { server, signIn } = await serverWithSignIn()
    expect((await createAs(server.url, null)).status).toBe(401)
    const imported = await api(`${server.url}/api/workshops/import`, null, { method: 'POST', json: { format: 'samskap-workshop' } })
    expect(imported.status).toBe(401)
    expect(await ((await api(`${server.url}/api/me`, null)).json())).toEqual({ creation: 'signIn', signInAvailable: true, staff: null })

    const ola = await signIn('ola')
    const me = (await (await api(`${server.url}/api/me`, ola)).json()) as SessionInfo
    expect(me.staff).toMatchObject({ name: 'Ola Hansen', email: 'ola.hansen@kommune.no', isAdmin: false })
    const created = await createAs(server.url, ola)
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as CreatedWorkshop
    const mine = (await (await api(`${server.url}/api/me/workshops`, ola)).json()) as { workshops: StaffWorkshop[] }
    expect(mine.workshops).toEqual([expect.objectContaining({ id, title: 'Medverknad i Nordby', role: 'owner' })])
    expect((await api(`${server.url}/api/me/workshops`, null)).status).toBe(401)
  })

  it('a signed-in owner gets the facilitator role on a socket without a link; a co-facilitator once added; others and forged cookies nothing', async () => {
    const { server, signIn } = await serverWithSignIn()
    const [ola, siri] = [await signIn('ola'), await signIn('siri')]
    const { id, code } = (await (await createAs(server.url, ola)).json()) as CreatedWorkshop
    const origin = { origin: server.url }

    expect(await openSocket(server.url, id, { cookie: ola, ...origin })).toEqual({ role: 'facilitator' })
    expect(await openSocket(server.url, id, { cookie: siri, ...origin })).toEqual({ code: 4401 })
    expect(await openSocket(server.url, id, { cookie: `${ola.split('=')[0]}=forged-${'x'.repeat(40)}`, ...origin })).toEqual({ code: 4401 })
    // The owner's cookie sent from another site's page (cross-site websocket hijacking) counts for nothing.
    expect(await openSocket(server.url, id, { cookie: ola, origin: 'http://evil.example' })).toEqual({ code: 4401 })

    // The knowledge bank answers a session for the workshops it owns or co-facilitates (WorkshopsVisibleTo).
    const searchAs = async (cookie: string | null) => {
      const response = await api(`${server.url}/api/search?q=medverknad`, cookie)
      return { status: response.status, ids: (((await response.json()) as { results?: { workshopId: string }[] }).results ?? []).map((r) => r.workshopId) }
    }
    for (let attempt = 0; attempt < 100 && (await searchAs(ola)).ids.length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await searchAs(ola)).toEqual({ status: 200, ids: [id] })
    expect(await searchAs(siri)).toEqual({ status: 200, ids: [] })
    expect((await searchAs(null)).status).toBe(401)

    const siriId = ((await (await api(`${server.url}/api/me`, siri)).json()) as SessionInfo).staff!.id
    // Only the owner manages: Siri cannot add herself.
    const selfAdd = await api(`${server.url}/api/workshops/${id}/staff`, siri, { method: 'POST', json: { action: 'add', staffId: siriId }, headers: origin })
    expect(selfAdd.status).toBe(401)
    const added = await api(`${server.url}/api/workshops/${id}/staff`, ola, { method: 'POST', json: { action: 'add', staffId: siriId }, headers: origin })
    expect(added.status).toBe(200)
    expect(((await added.json()) as WorkshopStaffInfo).cofacilitators.map((s) => s.name)).toEqual(['Siri Berg'])
    expect(await openSocket(server.url, id, { cookie: siri, ...origin })).toEqual({ role: 'facilitator' })
    expect(await searchAs(siri)).toEqual({ status: 200, ids: [id] })
    // A participant token of a co-facilitator who is signed in: facilitator.
    const joined = (await (await api(`${server.url}/api/join`, null, { method: 'POST', json: { code } })).json()) as { token: string }
    expect(await openSocket(server.url, id, { cookie: siri, ...origin }, joined.token)).toEqual({ role: 'facilitator' })
    expect(await openSocket(server.url, id, {}, joined.token)).toEqual({ role: 'participant' })
    // The facilitator's API answers the co-facilitator's session as well (the join screen's links).
    expect((await api(`${server.url}/api/workshops/${id}/access`, siri)).status).toBe(200)
    expect((await api(`${server.url}/api/workshops/${id}/access`, null)).status).toBe(401)
  })

  it('a cookie on a POST from another origin is ignored (CSRF): creating, changing staff and signing out need this server’s own pages', async () => {
    const { server, signIn } = await serverWithSignIn()
    const ola = await signIn('ola')
    expect((await createAs(server.url, ola)).status).toBe(201)
    const evil = { headers: { origin: 'http://evil.example' } }
    expect((await api(`${server.url}/api/workshops`, ola, { method: 'POST', json: { title: 'x' }, ...evil })).status).toBe(401)
    const fetchMetadata = { headers: { 'sec-fetch-site': 'same-site', origin: server.url } }
    expect((await api(`${server.url}/api/workshops`, ola, { method: 'POST', json: { title: 'x' }, ...fetchMetadata })).status).toBe(401)
    expect((await api(`${server.url}/auth/logout`, ola, { method: 'POST', ...evil })).status).toBe(403)
    expect((await api(`${server.url}/api/me`, ola)).ok).toBe(true)
    expect(((await (await api(`${server.url}/api/me`, ola)).json()) as SessionInfo).staff?.name).toBe('Ola Hansen')
  })

  it('signing out ends the session on the server and points at the provider’s logout', async () => {
    const { server, idp, signIn } = await serverWithSignIn()
    const ola = await signIn('ola')
    const out = await api(`${server.url}/auth/logout`, ola, { method: 'POST', headers: { origin: server.url } })
    expect(out.status).toBe(200)
    expect(out.headers.getSetCookie().join()).toMatch(/samskap_session=;.*Max-Age=0/)
    const { redirect } = (await out.json()) as { redirect: string }
    expect(redirect.startsWith(`${idp.issuer}/session/end`)).toBe(true)
    expect(new URL(redirect).searchParams.get('post_logout_redirect_uri')).toBe(`${server.url}/`)
    // The old cookie is worth nothing now.
    expect(((await (await api(`${server.url}/api/me`, ola)).json()) as SessionInfo).staff).toBeNull()
    expect((await createAs(server.url, ola)).status).toBe(401)
  })

  it('refuses a person outside OIDC_STAFF_GROUP and keeps returnTo on this server', async () => {
    const { server } = await serverWithSignIn()
    expect(await signInByHttp(server.url, 'per')).toEqual({ cookie: null, location: '/?signIn=notStaff' })
    const signedIn = await signInByHttp(server.url, 'ola', 'https://evil.example/steal')
    expect(signedIn.location).toBe('/')
    expect((await signInByHttp(server.url, 'ola', '/w/abc?board=1')).location).toBe('/w/abc?board=1')
    // A callback without the browser's login cookie (someone else's code pasted in) is not finished.
    const stray = await fetch(`${server.url}/auth/callback?code=abc&state=def`, { redirect: 'manual' })
    expect(stray.headers.get('location')).toBe('/?signIn=expired')
  })

  it('owners transfer their workshop; the previous owner stays as co-facilitator', async () => {
    const { server, signIn } = await serverWithSignIn()
    const [ola, siri] = [await signIn('ola'), await signIn('siri')]
    const { id } = (await (await createAs(server.url, ola)).json()) as CreatedWorkshop
    const siriId = ((await (await api(`${server.url}/api/me`, siri)).json()) as SessionInfo).staff!.id
    const origin = { origin: server.url }
    const moved = await api(`${server.url}/api/workshops/${id}/staff`, ola, { method: 'POST', json: { action: 'transfer', staffId: siriId }, headers: origin })
    const info = (await moved.json()) as WorkshopStaffInfo
    expect(info.owner?.name).toBe('Siri Berg')
    expect(info.cofacilitators.map((s) => s.name)).toEqual(['Ola Hansen'])
    expect(info.canManage).toBe(false)
    const siriList = (await (await api(`${server.url}/api/me/workshops`, siri)).json()) as { workshops: StaffWorkshop[] }
    expect(siriList.workshops.map((w) => w.role)).toEqual(['owner'])
    // Ola can no longer remove anyone.
    const removal = await api(`${server.url}/api/workshops/${id}/staff`, ola, { method: 'POST', json: { action: 'remove', staffId: siriId }, headers: origin })
    expect(removal.status).toBe(403)
  })
})

describe('the administrator’s API', () => {
  it('answers 401 signed out and 403 to staff who are not administrators', async () => {
    const { server, signIn } = await serverWithSignIn()
    const ola = await signIn('ola')
    const { id } = (await (await createAs(server.url, ola)).json()) as CreatedWorkshop
    expect((await api(`${server.url}/api/admin/workshops`, null)).status).toBe(401)
    expect((await api(`${server.url}/api/admin/workshops`, ola)).status).toBe(403)
    expect((await api(`${server.url}/api/admin/workshops?format=csv`, ola)).status).toBe(403)
    const origin = { origin: server.url }
    expect((await api(`${server.url}/api/admin/workshops/${id}/delete`, ola, { method: 'POST', headers: origin })).status).toBe(403)
    expect((await api(`${server.url}/api/admin/workshops/${id}/transfer`, ola, { method: 'POST', json: { staffId: 'x' }, headers: origin })).status).toBe(403)
    expect((await api(`${server.url}/api/workshops/${id}`, null)).status).toBe(200)
  })

  it('lists every workshop with owner, activity, participants and bytes; exports CSV; deletes one with its photos and history', async () => {
    const { server, dataDir, signIn } = await serverWithSignIn()
    const [ola, kari] = [await signIn('ola'), await signIn('kari')]
    const created = (await (await createAs(server.url, ola, 'Bydelsmøte')).json()) as CreatedWorkshop
    const other = (await (await createAs(server.url, ola, '=HYPERLINK("x")')).json()) as CreatedWorkshop
    await api(`${server.url}/api/join`, null, { method: 'POST', json: { code: created.code } })
    await api(`${server.url}/api/join`, null, { method: 'POST', json: { code: created.code } })

    // A photo on the board, and one edit: the document, the photo and the activity show in the overview.
    const bytes = testPng(4, 4, () => [200, 10, 10])
    const hash = createHash('sha256').update(bytes).digest('hex')
    const upload = await fetch(`${server.url}/api/images?workshop=${created.id}`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${created.token}` },
      body: new Uint8Array(bytes),
    })
    expect(upload.status).toBe(201)
    const client = resources.connect(server.url, created.id, { params: { token: created.token } })
    await synced(client.provider)
    const { boards, items } = getWorkshopMaps(client.doc)
    const boardId = [...boards.keys()][0]!
    items.set('photo1', createRecordMap({ id: 'photo1', kind: 'image', boardId, x: 0, y: 0, w: 40, h: 40, hash, mime: 'image/png', alt: '', createdAt: 1 }))
    const checkpoint = await fetch(`${server.url}/api/workshops/${created.id}/history`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${created.token}` },
      body: JSON.stringify({ label: 'Før pause' }),
    })
    expect(checkpoint.status).toBe(201)

    // The photo record and the activity row are written once the edit is committed.
    let row: AdminWorkshopRow | undefined
    const readRow = async () => {
      const list = (await (await api(`${server.url}/api/admin/workshops`, kari)).json()) as { workshops: AdminWorkshopRow[] }
      row = list.workshops.find((w) => w.id === created.id)
    }
    await readRow()
    for (let attempt = 0; attempt < 200 && !(row && row.size.photos > 0 && (row.lastActivityAt ?? 0) > row.createdAt); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      await readRow()
    }
    expect(row).toMatchObject({ title: 'Bydelsmøte', owner: { name: 'Ola Hansen' }, participants: 2 })
    // RETENTION_DAYS by default: a year after the last activity.
    expect(row!.deletesAt).toBe(row!.lastActivityAt! + 365 * 24 * 60 * 60 * 1000)
    expect(row!.size.photos).toBe(bytes.length)
    expect(row!.lastActivityAt).toBeGreaterThan(row!.createdAt)
    expect(row!.size.document).toBeGreaterThan(0)
    expect(row!.size.history).toBeGreaterThan(0)

    const csv = await api(`${server.url}/api/admin/workshops?format=csv`, kari)
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="samskap-workshops-\d{4}-\d{2}-\d{2}\.csv"/)
    const text = await csv.text()
    expect(text.split('\r\n')[0]).toBe('id,title,owner,owner_email,created,last_activity,participants,document_bytes,history_bytes,photo_bytes,deletes_at')
    expect(text).toContain(`${created.id},Bydelsmøte,Ola Hansen,ola.hansen@kommune.no,`)
    // A title that a spreadsheet would run as a formula is written as text.
    expect(text).toContain(`${other.id},"'=HYPERLINK(""x"")"`)

    const photoFile = path.join(dataDir, 'images', hash.slice(0, 2), hash)
    expect(fs.existsSync(photoFile)).toBe(true)
    const closed = new Promise<number>((resolve) => client.provider.on('connection-close', (event) => event && resolve(event.code)))
    const deleted = await api(`${server.url}/api/admin/workshops/${created.id}/delete`, kari, { method: 'POST', headers: { origin: server.url } })
    expect(deleted.status).toBe(200)
    expect(await closed).toBe(4404)
    expect(fs.existsSync(photoFile)).toBe(false)
    expect((await api(`${server.url}/api/workshops/${created.id}`, null)).status).toBe(404)
    const after = (await (await api(`${server.url}/api/admin/workshops`, kari)).json()) as { workshops: AdminWorkshopRow[] }
    expect(after.workshops.map((w) => w.id)).toEqual([other.id])
    expect((await api(`${server.url}/api/admin/workshops/${created.id}/delete`, kari, { method: 'POST', headers: { origin: server.url } })).status).toBe(404)
  })
})

describe('the creation key (embedded mode without an identity provider)', () => {
  it('answers 401 without the key, 403 with a wrong one, and creates with the right one', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), auth: { oidc: null, createKey: 'nordby-2025-workshop', sessionHours: 12 } })
    expect((await createAs(server.url, null)).status).toBe(401)
    const wrong = await api(`${server.url}/api/workshops`, null, { method: 'POST', json: { title: 'x' }, headers: { 'x-samskap-create-key': 'guess' } })
    expect(wrong.status).toBe(403)
    const right = await api(`${server.url}/api/workshops`, null, { method: 'POST', json: { title: 'x' }, headers: { 'x-samskap-create-key': 'nordby-2025-workshop' } })
    expect(right.status).toBe(201)
    expect(await (await api(`${server.url}/api/me`, null)).json()).toEqual({ creation: 'createKey', signInAvailable: false, staff: null })
    // Residents are untouched: joining needs only the code.
    const { code } = (await right.json()) as CreatedWorkshop
    expect((await api(`${server.url}/api/join`, null, { method: 'POST', json: { code } })).status).toBe(200)
  })
})
