import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol'
import { ServerSecretError } from '../../server/access/serverSecret'
import { testPng } from '../testPng'
import { closedByServer, createWorkshopWithAccess, joinWorkshop, TestResources, tokenOf } from './helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

const modeOf = (file: string) => fs.statSync(file).mode & 0o777

async function uploadPhoto(url: string, workshopId: string, token: string, seed: number): Promise<string> {
  const response = await fetch(`${url}/api/images?workshop=${workshopId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
    body: new Uint8Array(testPng(3, 3, () => [seed, 10, 10])),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { hash: string }).hash
}

describe('DATA_DIR is private to the server’s user', () => {
  it('creates DATA_DIR 0700 and the database, its -wal and -shm, the secret and photos 0600', async () => {
    const dataDir = path.join(await resources.tempDir(), 'data')
    const server = await resources.startServer({ dataDir })
    const created = await createWorkshopWithAccess(server.url)
    const hash = await uploadPhoto(server.url, created.id, created.token, 1)

    expect(modeOf(dataDir)).toBe(0o700)
    for (const file of ['samskap.sqlite', 'samskap.sqlite-wal', 'samskap.sqlite-shm', 'secret']) {
      expect(modeOf(path.join(dataDir, file)), file).toBe(0o600)
    }
    expect(modeOf(path.join(dataDir, 'images'))).toBe(0o700)
    expect(modeOf(path.join(dataDir, 'images', hash.slice(0, 2)))).toBe(0o700)
    expect(modeOf(path.join(dataDir, 'images', hash.slice(0, 2), hash))).toBe(0o600)
  })

  it('tightens an installation made before the rule (755 folders, 644 files) on start, and keeps its data', async () => {
    const dataDir = path.join(await resources.tempDir(), 'data')
    const first = await resources.startServer({ dataDir })
    const created = await createWorkshopWithAccess(first.url)
    const hash = await uploadPhoto(first.url, created.id, created.token, 2)
    await first.close()
    const photo = path.join(dataDir, 'images', hash.slice(0, 2), hash)
    for (const dir of [dataDir, path.join(dataDir, 'images'), path.dirname(photo)]) fs.chmodSync(dir, 0o755)
    for (const file of [path.join(dataDir, 'samskap.sqlite'), photo]) fs.chmodSync(file, 0o644)

    const second = await resources.startServer({ dataDir })
    expect([modeOf(dataDir), modeOf(path.join(dataDir, 'images')), modeOf(path.dirname(photo))]).toEqual([0o700, 0o700, 0o700])
    expect([modeOf(path.join(dataDir, 'samskap.sqlite')), modeOf(photo)]).toEqual([0o600, 0o600])
    const again = await fetch(`${second.url}/api/images/${hash}`)
    expect(again.status).toBe(200)
    expect((await joinWorkshop(second.url, { workshopId: created.id, token: created.token })).role).toBe('facilitator')
  })
})

describe('a copy of the database without the server secret', () => {
  /** A workshop with a participant on a server, then its database copied (closed, so the copy is whole) to a directory of its own. */
  async function stolenCopy() {
    const dataDir = await resources.tempDir()
    const server = await resources.startServer({ dataDir })
    const created = await createWorkshopWithAccess(server.url, { title: 'Budsjettmøte' })
    const kari = await joinWorkshop(server.url, { code: created.code })
    await server.close()
    const copyDir = await resources.tempDir()
    fs.copyFileSync(path.join(dataDir, 'samskap.sqlite'), path.join(copyDir, 'samskap.sqlite'))
    const tokens = [created.token, tokenOf(created.links.participant), tokenOf(created.links.observer), kari.token]
    return { copyDir, created, tokens }
  }

  it('holds none of the link keys or personal tokens', async () => {
    const { copyDir, tokens } = await stolenCopy()
    const bytes = fs.readFileSync(path.join(copyDir, 'samskap.sqlite')).toString('latin1')
    for (const token of tokens) {
      expect(bytes).not.toContain(token)
      expect(bytes).not.toContain(token.split('.').at(-1))
    }
  })

  it('does not start without the secret, nor with another one', async () => {
    const { copyDir } = await stolenCopy()
    await expect(resources.startServer({ dataDir: copyDir })).rejects.toThrow(ServerSecretError)
    await expect(resources.startServer({ dataDir: copyDir, secret: 'x'.repeat(44) })).rejects.toThrow(ServerSecretError)
  })

  it('opens no workshop even with the secret check removed: every link and token is refused, and the links are not shown', async () => {
    const { copyDir, created, tokens } = await stolenCopy()
    const db = new Database(path.join(copyDir, 'samskap.sqlite'))
    db.prepare('DELETE FROM server_settings').run()
    db.close()
    const thief = await resources.startServer({ dataDir: copyDir, secret: 'y'.repeat(44) })

    for (const token of tokens) {
      const join = await fetch(`${thief.url}/api/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workshopId: created.id, token }),
      })
      expect(join.status, token).toBe(403)
      const socket = await resources.rawSocket(thief.url, created.id, { token })
      expect((await closedByServer(socket)).code, token).toBe(CloseCode.Forbidden)
    }
    const links = await fetch(`${thief.url}/api/workshops/${created.id}/access`, { headers: { authorization: `Bearer ${created.token}` } })
    expect(links.status).toBe(403)
  })
})
