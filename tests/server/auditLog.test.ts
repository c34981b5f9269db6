import Database from 'better-sqlite3'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { CreatedWorkshop } from '../../shared/access'
import { getWorkshopMaps } from '../../shared/doc/workshopDoc'
import type { Command } from '../../shared/facilitation/commands'
import { messageControl, SYNC_PATH } from '../../shared/protocol'
import type { AuditEntry, SessionInfo } from '../../shared/staff'
import { withSignIn } from '../oidc/withSignIn'
import { connectControl, createWorkshopWithAccess, joinWorkshop, synced, TestResources, wsUrl } from './helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

const DAY = 24 * 60 * 60 * 1000

/** The audit rows of a workshop as stored, read from the SQLite file itself (oldest first). */
function auditRows(dataDir: string, workshopId: string): { action: string; actor_kind: string; actor_id: string | null; actor_name: string | null; detail: string }[] {
  const db = new Database(path.join(dataDir, 'samskap.sqlite'), { readonly: true })
  try {
    return db.prepare('SELECT action, actor_kind, actor_id, actor_name, detail FROM audit_log WHERE workshop_id = ? ORDER BY id').all(workshopId) as never
  } finally {
    db.close()
  }
}

function api(url: string, cookie: string | null, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (cookie) headers.set('cookie', cookie)
  if (init.json !== undefined) headers.set('content-type', 'application/json')
  headers.set('origin', new URL(url).origin)
  return fetch(url, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body })
}

/** The first board's id, read through a synced client with the facilitator's token. */
async function firstBoardId(url: string, workshop: CreatedWorkshop): Promise<string> {
  const client = resources.connect(url, workshop.id, { params: { token: workshop.token } })
  await synced(client.provider)
  const boardId = [...getWorkshopMaps(client.doc).boards.keys()][0]!
  client.provider.destroy()
  return boardId
}

/** Sends commands over a socket opened with a session cookie and no link, as a signed-in owner's browser does. */
async function commandsAsStaff(url: string, workshopId: string, cookie: string, commands: Command[]): Promise<unknown[]> {
  const socket = new WebSocket(`${wsUrl(url)}${SYNC_PATH}/${workshopId}?control=1`, { headers: { cookie, origin: url } })
  resources.defer(() => socket.terminate())
  const replies = new Map<string, (reply: unknown) => void>()
  const welcomed = new Promise<void>((resolve, reject) => {
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) !== messageControl) return
      const message = JSON.parse(decoding.readVarString(decoder)) as { type: string; id?: string }
      if (message.type === 'welcome') resolve()
      if (message.type === 'reply' && message.id) replies.get(message.id)?.(message)
    })
    socket.on('close', (code) => reject(new Error(`socket closed ${code}`)))
  })
  await welcomed
  const results: unknown[] = []
  for (const [index, command] of commands.entries()) {
    const id = `staff${index}`
    const reply = new Promise((resolve) => replies.set(id, resolve))
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageControl)
    encoding.writeVarString(encoder, JSON.stringify({ ...command, id }))
    socket.send(encoding.toUint8Array(encoder))
    results.push(await reply)
  }
  return results
}

describe('audit log', () => {
  it('names the signed-in staff member or the facilitator link for creation, reveal, removal, co-facilitator changes, transfer and deletion; only the owner and administrators read it', async () => {
    const dataDir = await resources.tempDir()
    const { started: server, signIn } = await withSignIn(resources, (auth) => resources.startServer({ dataDir, auth, unloadDelayMs: 100 }))
    const [ola, siri, kari] = [await signIn('ola'), await signIn('siri'), await signIn('kari')]
    const idOf = async (cookie: string) => ((await (await api(`${server.url}/api/me`, cookie)).json()) as SessionInfo).staff!.id
    const [olaId, siriId, kariId] = [await idOf(ola), await idOf(siri), await idOf(kari)]

    const created = await api(`${server.url}/api/workshops`, ola, { method: 'POST', json: { title: 'Medverknad i Nordby', language: 'nb' } })
    expect(created.status).toBe(201)
    const workshop = (await created.json()) as CreatedWorkshop
    const auditUrl = `${server.url}/api/workshops/${workshop.id}/audit`

    // The owner reveals from a socket opened with her session alone.
    const boardId = await firstBoardId(server.url, workshop)
    const replies = await commandsAsStaff(server.url, workshop.id, ola, [{ type: 'phase.private', boardId, lane: '', facilitatorSees: false }, { type: 'phase.reveal' }])
    expect(replies).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true, result: { revealed: 0 } })])

    // Someone with the facilitator link (no session) removes a participant.
    const participant = await joinWorkshop(server.url, { code: workshop.code })
    const linkHolder = connectControl(resources, server.url, workshop.id, workshop.token)
    expect(await linkHolder.call({ type: 'participant.remove', participantId: participant.participantId })).toMatchObject({ ok: true })

    // A co-facilitator may not read it, nor anyone signed out or outside.
    expect((await api(`${server.url}/api/workshops/${workshop.id}/staff`, ola, { method: 'POST', json: { action: 'add', staffId: siriId } })).status).toBe(200)
    expect((await api(auditUrl, null)).status).toBe(401)
    expect((await api(auditUrl, siri)).status).toBe(403)
    expect((await api(`${auditUrl}?token=${workshop.token}`, null)).status).toBe(401)

    const read = await api(auditUrl, ola)
    expect(read.status).toBe(200)
    const { entries } = (await read.json()) as { entries: AuditEntry[] }
    const ola_ = { kind: 'staff', id: olaId, name: 'Ola Hansen' }
    expect(entries.map(({ action, actor, detail }) => ({ action, actor, detail })).reverse()).toEqual([
      { action: 'created', actor: ola_, detail: '' },
      { action: 'revealed', actor: ola_, detail: '0' },
      { action: 'participantRemoved', actor: { kind: 'link' }, detail: participant.participantId },
      { action: 'cofacilitatorAdded', actor: ola_, detail: 'Siri Berg' },
    ])

    // Taking a co-facilitator off is a line too, naming whom; a refused change (the owner herself) writes none.
    const staffUrl = `${server.url}/api/workshops/${workshop.id}/staff`
    expect((await api(staffUrl, ola, { method: 'POST', json: { action: 'remove', staffId: olaId } })).status).toBe(409)
    expect((await api(staffUrl, siri, { method: 'POST', json: { action: 'remove', staffId: siriId } })).status).toBe(403)
    expect((await api(staffUrl, ola, { method: 'POST', json: { action: 'remove', staffId: siriId } })).status).toBe(200)
    const afterRemoval = ((await (await api(auditUrl, ola)).json()) as { entries: AuditEntry[] }).entries
    expect(afterRemoval.map(({ action, detail }) => [action, detail]).slice(0, 2)).toEqual([
      ['cofacilitatorRemoved', 'Siri Berg'],
      ['cofacilitatorAdded', 'Siri Berg'],
    ])

    // Transferred to Siri: she reads it now, Ola (a co-facilitator since) no longer; an administrator always.
    expect((await api(`${server.url}/api/workshops/${workshop.id}/staff`, ola, { method: 'POST', json: { action: 'transfer', staffId: siriId } })).status).toBe(200)
    expect((await api(auditUrl, ola)).status).toBe(403)
    expect((await api(auditUrl, siri)).status).toBe(200)
    const asAdmin = (await (await api(auditUrl, kari)).json()) as { entries: AuditEntry[] }
    expect(asAdmin.entries[0]).toMatchObject({ action: 'transferred', actor: ola_, detail: 'Siri Berg' })

    // Deleted by the administrator: one line stays, with no title or detail, naming her.
    expect((await api(`${server.url}/api/admin/workshops/${workshop.id}/delete`, kari, { method: 'POST' })).status).toBe(200)
    expect(auditRows(dataDir, workshop.id)).toEqual([{ action: 'deleted', actor_kind: 'staff', actor_id: kariId, actor_name: 'Kari Nordmann', detail: '' }])
    expect((await api(auditUrl, kari)).status).toBe(404)
  })

  it('without sign-in records the facilitator link for creation, keep and restore, and retention for its deletion', async () => {
    let now = Date.now()
    const dataDir = await resources.tempDir()
    const server = await resources.startServer({ dataDir, retentionDays: 30, clock: () => now, unloadDelayMs: 50 })
    const workshop = await createWorkshopWithAccess(server.url, { title: 'Følgegruppe' })
    const bearer = { authorization: `Bearer ${workshop.token}`, 'content-type': 'application/json' }
    const checkpoint = await fetch(`${server.url}/api/workshops/${workshop.id}/history`, { method: 'POST', headers: bearer, body: JSON.stringify({ label: 'Før pause' }) })
    const { id: historyId } = (await checkpoint.json()) as { id: string }
    const restoring = await fetch(`${server.url}/api/workshops/${workshop.id}/history`, {
      method: 'POST',
      headers: bearer,
      body: JSON.stringify({ label: 'Før gjenoppretting', restoring: historyId }),
    })
    expect(restoring.status).toBe(201)
    // A snapshot the workshop does not have is refused (404), a malformed id as well (400): no line for either.
    const other = `${historyId.slice(0, -1)}${historyId.endsWith('a') ? 'b' : 'a'}`
    const unknown = await fetch(`${server.url}/api/workshops/${workshop.id}/history`, { method: 'POST', headers: bearer, body: JSON.stringify({ label: 'x', restoring: other }) })
    expect(unknown.status).toBe(404)
    const malformed = await fetch(`${server.url}/api/workshops/${workshop.id}/history`, { method: 'POST', headers: bearer, body: JSON.stringify({ label: 'x', restoring: 7 }) })
    expect(malformed.status).toBe(400)
    const kept = await fetch(`${server.url}/api/workshops/${workshop.id}/staff`, { method: 'POST', headers: { ...bearer, origin: server.url }, body: JSON.stringify({ action: 'keep' }) })
    expect(kept.status).toBe(200)
    // Without sign-in nobody can read it over HTTP; the database holds it.
    expect((await fetch(`${server.url}/api/workshops/${workshop.id}/audit`)).status).toBe(401)
    expect(auditRows(dataDir, workshop.id).map((row) => [row.action, row.actor_kind])).toEqual([
      ['created', 'link'],
      ['restored', 'link'],
      ['kept', 'link'],
    ])
    expect(auditRows(dataDir, workshop.id)[1]!.detail).toContain(historyId)

    now += 31 * DAY
    expect(await server.retention.sweep()).toEqual([workshop.id])
    expect(auditRows(dataDir, workshop.id)).toEqual([{ action: 'deleted', actor_kind: 'retention', actor_id: null, actor_name: null, detail: '' }])
  })
})
