import { afterEach, describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { board, card } from '../../shared/followup/testWorkshops'
import type { TemplateSummary } from '../../shared/followup/workshopTemplate'
import { SqliteTemplateStore } from '../../server/templates/SqliteTemplateStore'
import { signInByHttp } from '../oidc/signInByHttp'
import { TestIdentityProvider } from '../oidc/TestIdentityProvider'
import { synced, TestResources, waitFor } from './helpers'

/** Templates of one's own through a real server with sign-in: saved by a workshop's staff, used and deleted by colleagues. */
const resources = new TestResources()
afterEach(() => resources.dispose())

async function serverWithSignIn(limits: { workshopsPerAddressPerHour?: number } = {}) {
  const idp = await TestIdentityProvider.listen()
  resources.defer(() => idp.close())
  const dataDir = await resources.tempDir()
  const server = await resources.startServer({ dataDir, auth: idp.authSettings(), unloadDelayMs: 50, limits })
  idp.register([server.url])
  const signIn = async (login: string) => {
    const { cookie } = await signInByHttp(server.url, login)
    if (!cookie) throw new Error(`${login} was not signed in`)
    return cookie
  }
  const api = (path: string, cookie: string | null, json?: unknown) =>
    fetch(`${server.url}${path}`, {
      method: json === undefined ? 'GET' : 'POST',
      headers: { ...(cookie ? { cookie } : {}), origin: server.url, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      body: json === undefined ? undefined : JSON.stringify(json),
    })
  return { server, dataDir, signIn, api }
}

const stakeholder = {
  id: 'st1', kind: 'stakeholder', boardId: 'map', groupId: '', name: 'Fylkeskommunen', influence: 4, interest: 3, contactPerson: 'Per', message: 'Status',
  channel: 'Møte', frequency: 'Kvartalsvis', x: 40, y: 40, levelNow: 1, levelWanted: 3, origin: null, createdAt: 1, sdgs: [17], dimension: '',
}
const note = { id: 'n1', kind: 'note', boardId: 'map', x: 0, y: 0, w: 160, h: 120, color: 'yellow', text: 'Min nabo Ola er ensom', createdAt: 1, sdgs: [], dimension: '' }

async function workshopWithContent(context: Awaited<ReturnType<typeof serverWithSignIn>>, cookie: string): Promise<CreatedWorkshop> {
  const created = (await (await context.api('/api/workshops', cookie, { title: 'Medverknad i Nordby', language: 'nn', boardTitle: 'Tavle 1' })).json()) as CreatedWorkshop
  const client = resources.connect(context.server.url, created.id, { params: { token: created.token } })
  await synced(client.provider)
  const { boards, items } = getWorkshopMaps(client.doc)
  client.doc.transact(() => {
    boards.set('map', createRecordMap(board('map', 'stakeholderMap', 'a5', 'Aktørkart')))
    boards.set('cb', createRecordMap(board('cb', 'challengeBoard', 'a6', 'Utfordringer')))
    items.set('st1', createRecordMap(stakeholder))
    items.set('n1', createRecordMap(note))
    items.set('a1', createRecordMap(card('a1', 'cb', 'action', 'a0', { text: 'Ring rektor', owner: 'Kari', dueDate: '2026-06-01', status: 'done' })))
  })
  client.provider.destroy()
  await waitFor(() => context.server.rooms.loadedWorkshopIds().length === 0, 'the room is written and unloaded')
  return created
}

async function readWorkshop(url: string, created: CreatedWorkshop) {
  const client = resources.connect(url, created.id, { params: { token: created.token } })
  await synced(client.provider)
  const { boards, items, meta } = getWorkshopMaps(client.doc)
  return { boards: boards.toJSON() as Record<string, { title: string }>, items: items.toJSON() as Record<string, Record<string, unknown>>, meta: meta.toJSON() }
}

describe('templates of one’s own', () => {
  it('saves a workshop’s structure without residents’ notes; a colleague lists it with its maker and starts a workshop from it', async () => {
    const context = await serverWithSignIn()
    const [ola, siri] = [await context.signIn('ola'), await context.signIn('siri')]
    const source = await workshopWithContent(context, ola)

    const saved = await context.api(`/api/workshops/${source.id}/template`, ola, { name: '  Aktørkart for bydel  ' })
    expect(saved.status).toBe(201)
    const template = (await saved.json()) as TemplateSummary
    expect(template).toMatchObject({ name: 'Aktørkart for bydel', language: 'nn', createdByName: 'Ola Hansen', boards: 3, mayDelete: true })

    const listed = (await (await context.api('/api/templates', siri)).json()) as { templates: TemplateSummary[] }
    expect(listed.templates).toEqual([{ ...template, mayDelete: false }])

    const answer = await context.api('/api/workshops', siri, { title: 'Ny bydel', language: 'en', boardTitle: 'Board 1', templateId: template.id })
    expect(answer.status).toBe(201)
    const made = await readWorkshop(context.server.url, (await answer.json()) as CreatedWorkshop)
    expect(made.meta).toMatchObject({ title: 'Ny bydel', language: 'nn' })
    expect(Object.values(made.boards).map((b) => b.title).sort()).toEqual(['Aktørkart', 'Tavle 1', 'Utfordringer'])
    expect(made.items.st1).toMatchObject({ name: 'Fylkeskommunen', contactPerson: 'Per', levelWanted: 3 })
    expect(made.items.n1).toBeUndefined()
    expect(made.items.a1).toMatchObject({ text: 'Ring rektor', owner: '', dueDate: '', status: 'open' })
    // The template is a copy: the workshop it was saved from is as it was.
    expect((await readWorkshop(context.server.url, source)).items.n1).toMatchObject({ text: note.text })
  })

  it('refuses by name: no sign-in, someone else’s workshop, a bad name, an unknown template; only maker or administrator delete', async () => {
    const context = await serverWithSignIn()
    const [ola, siri, kari] = [await context.signIn('ola'), await context.signIn('siri'), await context.signIn('kari')]
    const source = await workshopWithContent(context, ola)
    const code = async (response: Promise<Response>) => {
      const r = await response
      return [r.status, ((await r.json()) as { code?: string }).code]
    }
    expect(await code(context.api('/api/templates', null))).toEqual([401, 'signInRequired'])
    expect(await code(context.api(`/api/workshops/${source.id}/template`, null, { name: 'x' }))).toEqual([401, 'signInRequired'])
    expect(await code(context.api(`/api/workshops/${source.id}/template`, siri, { name: 'x' }))).toEqual([403, 'notYourWorkshop'])
    expect(await code(context.api('/api/workshops/nope/template', ola, { name: 'x' }))).toEqual([404, 'workshopNotFound'])
    expect(await code(context.api(`/api/workshops/${source.id}/template`, ola, { name: '   ' }))).toEqual([400, 'badTemplateName'])
    expect(await code(context.api(`/api/workshops/${source.id}/template`, ola, { name: 'x'.repeat(121) }))).toEqual([400, 'badTemplateName'])
    expect(await code(context.api(`/api/workshops/${source.id}/template`, ola, { name: 3 }))).toEqual([400, 'badTemplateName'])
    expect(await code(context.api('/api/workshops', siri, { title: 'Ny', templateId: 'nope' }))).toEqual([404, 'templateNotFound'])

    const first = (await (await context.api(`/api/workshops/${source.id}/template`, ola, { name: 'Første' })).json()) as TemplateSummary
    const second = (await (await context.api(`/api/workshops/${source.id}/template`, ola, { name: 'Andre' })).json()) as TemplateSummary
    expect(await code(context.api(`/api/templates/${first.id}/delete`, siri, {}))).toEqual([403, 'notYourTemplate'])
    expect((await context.api(`/api/templates/${first.id}/delete`, ola, {})).status).toBe(200)
    expect((await context.api(`/api/templates/${second.id}/delete`, kari, {})).status).toBe(200)
    expect(await code(context.api(`/api/templates/${second.id}/delete`, kari, {}))).toEqual([404, 'templateNotFound'])
    expect(((await (await context.api('/api/templates', siri)).json()) as { templates: unknown[] }).templates).toEqual([])
  })

  it('checks a stored template again on use: one the validators refuse starts no workshop and takes nothing of the address’s quota', async () => {
    const context = await serverWithSignIn({ workshopsPerAddressPerHour: 1 })
    const ola = await context.signIn('ola')
    const store = new SqliteTemplateStore(context.dataDir)
    resources.defer(() => store.close())
    const body = {
      format: 'samskap-workshop', formatVersion: 1, workshopId: 't', exportedAt: new Date(0).toISOString(),
      meta: { title: 'Ødelagt', language: 'nb', createdAt: 0, schema: { board: 1 } },
      boards: [{ id: 'b', title: 'x'.repeat(10_000), order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' }],
      items: [],
    }
    await store.insert({ id: 'broken', name: 'Ødelagt', language: 'nb', createdBy: 'someone', createdAt: 1, boards: 1, body: JSON.stringify(body) })
    const listed = (await (await context.api('/api/templates', ola)).json()) as { templates: TemplateSummary[] }
    // Its maker is not known to this server (any more): listed without a name, deletable by administrators only.
    expect(listed.templates).toEqual([expect.objectContaining({ id: 'broken', createdByName: null, mayDelete: false })])
    const answer = await context.api('/api/workshops', ola, { title: 'Ny', templateId: 'broken' })
    expect(answer.status).toBe(409)
    expect(await answer.json()).toMatchObject({ code: 'templateInvalid' })
    // Refused again and again, by name, and never counted: an unknown template and a bad body neither.
    for (let i = 0; i < 3; i++) expect((await context.api('/api/workshops', ola, { title: 'Ny', templateId: 'broken' })).status).toBe(409)
    expect((await context.api('/api/workshops', ola, { title: 'Ny', templateId: 'nope' })).status).toBe(404)
    expect((await context.api('/api/workshops', ola, { title: 3 })).status).toBe(400)
    // The address's one workshop this hour is still there; the next is over the quota.
    expect((await context.api('/api/workshops', ola, { title: 'Ny' })).status).toBe(201)
    expect((await context.api('/api/workshops', ola, { title: 'Ny igjen' })).status).toBe(429)
  })
})
