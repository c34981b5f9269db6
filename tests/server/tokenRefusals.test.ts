import { afterEach, describe, expect, it } from 'vitest'
import type { AccessRefusal, CreatedWorkshop, JoinResult } from '../../shared/access'
import { CloseCode } from '../../shared/protocol'
import { routes } from '../../server/http/routes'
import { testPng } from '../testPng'
import { closedByServer, connectControl, createWorkshopWithAccess, joinWorkshop, synced, TestResources, tokenOf } from './helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

interface Setup {
  url: string
  created: CreatedWorkshop
  historyId: string
}

/** A request to one route with `token` (as `Authorization: Bearer` or in the body, as the app sends it). */
type TokenRequest = (setup: Setup, token: string) => Promise<Response>

type RouteCase =
  | { takesToken: false; why: string }
  /** `participants`: what a participant's own token gets there while it is valid. */
  | { takesToken: true; participants: 'allowed' | 'facilitatorOnly'; request: TokenRequest }

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const photo = new Uint8Array(testPng(2, 2, () => [200, 40, 40]))

/**
 * Every route of server/http/routes.ts, keyed by its path as the table writes it. A route added
 * there without a line here fails the first test: whoever adds it says whether it takes a token.
 */
const routeCases: Record<string, RouteCase> = {
  '/healthz': { takesToken: false, why: 'load balancer health: counts only' },
  '/metrics': { takesToken: false, why: 'Prometheus: kept internal by the proxy (docs/deploy.md)' },
  '/api/privacy': { takesToken: false, why: 'the privacy statement’s controller, contact and retention: public, as the page is' },
  '/api/search': { takesToken: false, why: 'the knowledge bank across workshops: the staff session decides which (WorkshopsVisibleTo), never a workshop token' },
  '/api/stakeholders': { takesToken: false, why: 'the stakeholder register across workshops: the staff session decides which (WorkshopsVisibleTo), never a workshop token (tests/server/stakeholders.test.ts)' },
  [String(/^\/api\/workshops\/([^/]+)\/stakeholders\/taken-over\/?$/)]: {
    takesToken: false,
    why: 'the audit line of a take-over: the staff session decides (both workshops must be visible to them), never a workshop token (tests/server/stakeholders.test.ts)',
  },
  '/api/actions': { takesToken: false, why: 'the action register across workshops: the staff session decides which (WorkshopsVisibleTo), never a workshop token' },
  '/api/workshops': { takesToken: false, why: 'creating a workshop needs no workshop' },
  '/api/workshops/import': { takesToken: false, why: 'an import creates a new workshop' },
  [String(/^\/api\/workshops\/([^/]+)$/)]: { takesToken: false, why: 'the id and title only, for whoever has the unguessable id' },
  '/api/join': {
    takesToken: true,
    participants: 'allowed',
    request: ({ url, created }, token) =>
      fetch(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workshopId: created.id, token }) }),
  },
  [String(/^\/api\/workshops\/([^/]+)\/access\/?$/)]: {
    takesToken: true,
    participants: 'facilitatorOnly',
    request: ({ url, created }, token) => fetch(`${url}/api/workshops/${created.id}/access`, { headers: bearer(token) }),
  },
  [String(/^\/api\/workshops\/([^/]+)\/access\/rotate\/?$/)]: {
    takesToken: true,
    participants: 'facilitatorOnly',
    request: ({ url, created }, token) => fetch(`${url}/api/workshops/${created.id}/access/rotate`, { method: 'POST', headers: bearer(token) }),
  },
  [String(/^\/api\/workshops\/([^/]+)\/access\/close-legacy\/?$/)]: {
    takesToken: true,
    participants: 'facilitatorOnly',
    request: ({ url, created }, token) => fetch(`${url}/api/workshops/${created.id}/access/close-legacy`, { method: 'POST', headers: bearer(token) }),
  },
  [String(/^\/api\/workshops\/([^/]+)\/history\/?$/)]: {
    takesToken: true,
    participants: 'facilitatorOnly',
    request: ({ url, created }, token) => fetch(`${url}/api/workshops/${created.id}/history?token=${encodeURIComponent(token)}`),
  },
  [String(/^\/api\/workshops\/([^/]+)\/history\/([^/]+)\/?$/)]: {
    takesToken: true,
    participants: 'facilitatorOnly',
    request: ({ url, created, historyId }, token) => fetch(`${url}/api/workshops/${created.id}/history/${historyId}`, { headers: bearer(token) }),
  },
  [String(/^\/api\/workshops\/([^/]+)\/staff\/?$/)]: {
    takesToken: true,
    participants: 'facilitatorOnly',
    request: ({ url, created }, token) => fetch(`${url}/api/workshops/${created.id}/staff`, { headers: bearer(token) }),
  },
  [String(/^\/api\/workshops\/([^/]+)\/audit\/?$/)]: {
    takesToken: false,
    why: 'the audit log is for the signed-in owner and administrators only: a link token opens nothing there (tests/server/auditLog.test.ts)',
  },
  [String(/^\/api\/actions\/([^/]+)\/([^/]+)\/?$/)]: {
    takesToken: false,
    why: 'an action changed from the register: the staff session and the workshop’s staff decide, never a link token (tests/server/actionChange.test.ts)',
  },
  [String(/^\/api\/workshops\/([^/]+)\/follow-up\/?$/)]: {
    takesToken: false,
    why: 'a follow-up workshop is started by the earlier one’s signed-in staff only (tests/server/actionChange.test.ts)',
  },
  [String(/^\/api\/workshops\/([^/]+)\/template\/?$/)]: {
    takesToken: false,
    why: 'a workshop is saved as a template by its signed-in staff only (tests/server/templates.test.ts)',
  },
  '/api/templates': { takesToken: false, why: 'templates are listed to signed-in staff, by session' },
  [String(/^\/api\/templates\/([^/]+)\/delete\/?$/)]: { takesToken: false, why: 'a template is deleted by its maker or an administrator, by session' },
  '/auth/login': { takesToken: false, why: 'staff sign-in: no workshop' },
  '/auth/callback': { takesToken: false, why: 'staff sign-in: no workshop' },
  '/auth/logout': { takesToken: false, why: 'staff sign-out: no workshop' },
  '/api/me': { takesToken: false, why: 'who is signed in on this browser' },
  '/api/me/workshops': { takesToken: false, why: 'a signed-in person’s workshops, by session' },
  '/api/staff': { takesToken: false, why: 'staff search for the pickers, by session' },
  '/api/admin/workshops': { takesToken: false, why: 'administrators by session (401/403)' },
  [String(/^\/api\/admin\/workshops\/([^/]+)\/delete\/?$/)]: { takesToken: false, why: 'administrators by session (401/403)' },
  [String(/^\/api\/admin\/workshops\/([^/]+)\/transfer\/?$/)]: { takesToken: false, why: 'administrators by session (401/403)' },
  '/api/images': {
    takesToken: true,
    participants: 'allowed',
    request: ({ url, created }, token) =>
      fetch(`${url}/api/images?workshop=${created.id}`, { method: 'POST', headers: { ...bearer(token), 'content-type': 'image/png' }, body: photo }),
  },
  [String(/^\/api\/images\/(.*)$/)]: {
    takesToken: false,
    why: 'photos are served by their SHA-256, which only the workshop document carries; a removed participant learns no new ones',
  },
  [String(/^\/api(?:\/.*)?$/)]: { takesToken: false, why: 'unknown API paths: 404' },
  [String(/^\/sync(?:\/.*)?$/)]: { takesToken: false, why: 'plain HTTP to the websocket path: 426 (the socket itself is tested below)' },
}

const tokenRoutes = Object.entries(routeCases).flatMap(([path, routeCase]) => (routeCase.takesToken ? [[path, routeCase] as const] : []))

async function setup(): Promise<Setup> {
  const server = await resources.startServer({ dataDir: await resources.tempDir() })
  const created = await createWorkshopWithAccess(server.url, { title: 'Folkemøte' })
  const checkpoint = await fetch(`${server.url}/api/workshops/${created.id}/history`, {
    method: 'POST',
    headers: { ...bearer(created.token), 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'Før' }),
  })
  expect(checkpoint.status).toBe(201)
  return { url: server.url, created, historyId: ((await checkpoint.json()) as { id: string }).id }
}

async function expectRefused(response: Response, reason: AccessRefusal, route: string): Promise<void> {
  expect(response.status, route).toBe(403)
  expect(((await response.json()) as { reason?: string }).reason, route).toBe(reason)
}

async function facilitatorCall(setup: Setup, command: object): Promise<void> {
  const facilitator = connectControl(resources, setup.url, setup.created.id, setup.created.token)
  await synced(facilitator.provider)
  expect(await facilitator.call(command as never)).toMatchObject({ ok: true })
  facilitator.provider.destroy()
}

describe('every route that takes a token checks it with the same resolve as the socket', () => {
  it('every route in server/http/routes.ts is listed here, with whether it takes a token', () => {
    expect(routes.map((route) => String(route.path)).sort()).toEqual(Object.keys(routeCases).sort())
  })

  it('a removed participant’s token is refused by every one of them (403, reason removed) and at the socket (4410)', async () => {
    const s = await setup()
    const kari: JoinResult = await joinWorkshop(s.url, { code: s.created.code })
    for (const [path, routeCase] of tokenRoutes) {
      const before = await routeCase.request(s, kari.token)
      if (routeCase.participants === 'allowed') expect(before.status, path).toBeLessThan(300)
      else expect([before.status, ((await before.json()) as { reason?: string }).reason], path).toEqual([403, undefined])
    }

    await facilitatorCall(s, { type: 'participant.remove', participantId: kari.participantId })

    for (const [path, routeCase] of tokenRoutes) await expectRefused(await routeCase.request(s, kari.token), 'removed', path)
    const socket = await resources.rawSocket(s.url, s.created.id, { token: kari.token })
    expect((await closedByServer(socket)).code).toBe(CloseCode.Removed)
    // Someone else who joined with the same code is not touched.
    const ola = await joinWorkshop(s.url, { code: s.created.code })
    expect(ola.participantId).not.toBe(kari.participantId)
  })

  it('a rotated participant link is refused by every one of them (403, reason invalidLink) and at the socket (4403)', async () => {
    const s = await setup()
    const oldKey = tokenOf(s.created.links.participant)
    for (const [path, routeCase] of tokenRoutes) {
      if (routeCase.participants === 'allowed') expect((await routeCase.request(s, oldKey)).status, path).toBeLessThan(300)
    }
    const rotated = await fetch(`${s.url}/api/workshops/${s.created.id}/access/rotate`, { method: 'POST', headers: bearer(s.created.token) })
    expect(rotated.status).toBe(200)

    for (const [path, routeCase] of tokenRoutes) await expectRefused(await routeCase.request(s, oldKey), 'invalidLink', path)
    const socket = await resources.rawSocket(s.url, s.created.id, { token: oldKey })
    expect((await closedByServer(socket)).code).toBe(CloseCode.Forbidden)
  })

  it('no token is 401 with reason noToken wherever a token is needed', async () => {
    const s = await setup()
    for (const [path, routeCase] of tokenRoutes) {
      const response = await routeCase.request(s, '')
      expect(response.status, path).toBe(401)
      expect(((await response.json()) as { reason?: string }).reason, path).toBe('noToken')
    }
  })
})
