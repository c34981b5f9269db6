import { afterEach, describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { board, card, link } from '../../shared/followup/testWorkshops'
import type { AuditEntry, SessionInfo } from '../../shared/staff'
import { withSignIn } from '../oidc/withSignIn'
import { connectControl, synced, TestResources, waitFor } from './helpers'

/**
 * The action register's write-back through a real server and real sign-in: a change of status or
 * due date goes into the workshop through its room (live for whoever has it open, and stored when
 * nobody has), only for the workshop's own staff, and is audited under the person's name.
 */
const resources = new TestResources()
afterEach(() => resources.dispose())

function api(url: string, cookie: string | null, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (cookie) headers.set('cookie', cookie)
  if (init.json !== undefined) headers.set('content-type', 'application/json')
  headers.set('origin', new URL(url).origin)
  return fetch(url, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body })
}

async function setup() {
  const dataDir = await resources.tempDir()
  const { started: server, signIn } = await withSignIn(resources, (auth) => resources.startServer({ dataDir, auth, unloadDelayMs: 50 }))
  const [ola, siri] = [await signIn('ola'), await signIn('siri')]
  const created = await api(`${server.url}/api/workshops`, ola, { method: 'POST', json: { title: 'Følgegruppe mai', language: 'nb' } })
  const workshop = (await created.json()) as CreatedWorkshop
  // The facilitator's board: a challenge, a solution and an action, as the meeting left them.
  const open = connectControl(resources, server.url, workshop.id, workshop.token)
  await synced(open.provider)
  const { boards, items } = getWorkshopMaps(open.doc)
  open.doc.transact(() => {
    boards.set('cb', createRecordMap(board('cb', 'challengeBoard', 'a1', 'Tiltak')))
    for (const record of [
      card('c1', 'cb', 'challenge', 'a0', { text: 'Få møteplasser' }),
      card('s1', 'cb', 'solution', 'a0', { text: 'Åpne skolen' }),
      card('a1', 'cb', 'action', 'a0', { text: 'Ring rektor', owner: 'Ola Hansen', dueDate: '2026-11-01' }),
      link('k1', 'cb', 's1', 'c1', 'answers'),
      link('k2', 'cb', 'a1', 's1', 'carriesOut'),
    ]) {
      items.set(record.id, createRecordMap(record))
    }
  })
  await waitFor(() => open.provider.synced && open.provider.ws?.bufferedAmount === 0, 'board written')
  return { server, ola, siri, workshop, open }
}

const statusOn = (doc: Parameters<typeof getWorkshopMaps>[0], id: string) => getWorkshopMaps(doc).items.get(id)?.get('status')

describe('POST /api/actions/<workshop>/<card>', () => {
  it('changes status and due date live for whoever has the board open, and audits it under the staff member', async () => {
    const { server, ola, workshop, open } = await setup()
    await waitFor(() => statusOn(open.doc, 'a1') === 'open', 'the action is on the board')
    const url = `${server.url}/api/actions/${workshop.id}/a1`
    const changed = await api(url, ola, { method: 'POST', json: { status: 'done', dueDate: '2026-12-01' } })
    expect(changed.status).toBe(200)
    expect(await changed.json()).toEqual({ workshopId: workshop.id, cardId: 'a1', status: 'done', dueDate: '2026-12-01' })
    await waitFor(() => statusOn(open.doc, 'a1') === 'done', 'the open board shows the new status')
    expect(getWorkshopMaps(open.doc).items.get('a1')?.get('dueDate')).toBe('2026-12-01')

    // The register reads it back, with the challenge's progress.
    const register = (await (await api(`${server.url}/api/actions`, ola)).json()) as { actions: { cardId: string; status: string }[]; progress: { done: number; actions: number }[] }
    expect(register.actions).toMatchObject([{ cardId: 'a1', status: 'done' }])
    expect(register.progress).toMatchObject([{ actions: 1, done: 1 }])

    // With nobody connected the room is opened for the change, stored, and unloads again.
    open.provider.destroy()
    await waitFor(() => server.rooms.loadedWorkshopIds().length === 0, 'the room unloads')
    expect((await api(url, ola, { method: 'POST', json: { status: 'inProgress' } })).status).toBe(200)
    await waitFor(() => server.rooms.loadedWorkshopIds().length === 0, 'the room unloads after the change')
    const later = (await (await api(`${server.url}/api/actions`, ola)).json()) as { actions: { status: string }[] }
    expect(later.actions[0]?.status).toBe('inProgress')

    const me = (await (await api(`${server.url}/api/me`, ola)).json()) as SessionInfo
    const { entries } = (await (await api(`${server.url}/api/workshops/${workshop.id}/audit`, ola)).json()) as { entries: AuditEntry[] }
    expect(entries.filter((e) => e.action === 'actionChanged').map((e) => ({ actor: e.actor, detail: e.detail }))).toEqual([
      { actor: { kind: 'staff', id: me.staff!.id, name: 'Ola Hansen' }, detail: 'a1: status done → inProgress' },
      { actor: { kind: 'staff', id: me.staff!.id, name: 'Ola Hansen' }, detail: 'a1: status open → done, due 2026-11-01 → 2026-12-01' },
    ])
  })

  it('refuses another staff member, nobody signed in, a card that is not an action and a bad change, each with its reason, and writes nothing', async () => {
    const { server, ola, siri, workshop, open } = await setup()
    await waitFor(() => statusOn(open.doc, 'a1') === 'open', 'the action is on the board')
    const base = `${server.url}/api/actions/${workshop.id}`
    for (const [cookie, path, body, status, code] of [
      [siri, 'a1', { status: 'done' }, 403, 'notYourWorkshop'],
      [null, 'a1', { status: 'done' }, 401, 'signInRequired'],
      [ola, 's1', { status: 'done' }, 404, 'actionNotFound'],
      [ola, 'nothing', { status: 'done' }, 404, 'actionNotFound'],
      [ola, 'a1', { status: 'blocked' }, 400, 'badChange'],
      [ola, 'a1', { dueDate: '1. desember' }, 400, 'badChange'],
      [ola, 'a1', { dueDate: '2026-02-30' }, 400, 'badChange'],
      [ola, 'a1', {}, 400, 'badChange'],
      [ola, 'a1', { status: 'done', text: 'Overskrevet' }, 400, 'badChange'],
    ] as const) {
      const response = await api(`${base}/${path}`, cookie, { method: 'POST', json: body })
      expect({ path, body, status: response.status, code: ((await response.json()) as { code?: string }).code }).toEqual({ path, body, status, code })
    }
    const elsewhere = await api(`${server.url}/api/actions/doesnotexist123456789/a1`, ola, { method: 'POST', json: { status: 'done' } })
    expect(elsewhere.status).toBe(404)
    // A session cookie sent from another site's page is not a session: no change on its say-so.
    const forged = await fetch(`${base}/a1`, { method: 'POST', headers: { cookie: ola, origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{"status":"done"}' })
    expect(forged.status).toBe(401)
    expect(statusOn(open.doc, 'a1')).toBe('open')
    expect(getWorkshopMaps(open.doc).items.get('a1')?.get('text')).toBe('Ring rektor')
  })

  it('starts a follow-up workshop from the open actions, linked back, for the workshop’s staff only', async () => {
    const { server, ola, siri, workshop, open } = await setup()
    await waitFor(() => statusOn(open.doc, 'a1') === 'open', 'the action is on the board')
    const url = `${server.url}/api/workshops/${workshop.id}/follow-up`
    const body = { title: 'Følgegruppe juni', boardTitle: 'Siden sist' }
    expect(((await (await api(url, siri, { method: 'POST', json: body })).json()) as { code: string }).code).toBe('notYourWorkshop')
    expect((await api(url, null, { method: 'POST', json: body })).status).toBe(401)
    expect(((await (await api(url, ola, { method: 'POST', json: { title: 5 } })).json()) as { code: string }).code).toBe('badFollowUp')

    const started = await api(url, ola, { method: 'POST', json: body })
    expect(started.status).toBe(201)
    const created = (await started.json()) as CreatedWorkshop & { actions: number }
    expect(created.actions).toBe(1)
    const register = (await (await api(`${server.url}/api/actions`, ola)).json()) as { actions: { workshopId: string; workshopTitle: string; boardTitle: string; text: string; origin: unknown }[] }
    expect(register.actions.find((a) => a.workshopId === created.id)).toMatchObject({
      workshopTitle: 'Følgegruppe juni',
      boardTitle: 'Siden sist',
      text: 'Ring rektor',
      origin: { workshopId: workshop.id, cardId: 'a1' },
    })
    // The earlier workshop is as it was, and says in its audit log where it was followed up.
    expect(statusOn(open.doc, 'a1')).toBe('open')
    const { entries } = (await (await api(`${server.url}/api/workshops/${workshop.id}/audit`, ola)).json()) as { entries: AuditEntry[] }
    expect(entries[0]).toMatchObject({ action: 'followUpCreated', detail: created.id })
  })
})
