import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { initializeWorkshop, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import type { AccessRow } from '../persistence/Persistence'
import { SqlitePersistence } from '../persistence/SqlitePersistence'
import { AccessStore, linksFor } from './AccessStore'
import { migrateAccess } from './migrateAccess'
import { participantSignature, ServerKeys } from './ServerKeys'

const log = pino({ level: 'silent' })
const keys = new ServerKeys('k'.repeat(40))

let dataDir: string
let persistence: SqlitePersistence
let store: AccessStore
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samskap-access-'))
  persistence = new SqlitePersistence(dataDir)
  store = new AccessStore(persistence, keys)
})
afterEach(async () => {
  await persistence.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function createWorkshop(id: string) {
  const { access } = await store.withFreshCode(
    () => store.newAccess(id),
    (row) => persistence.createWorkshop({ id, title: 'T', language: 'nb', createdAt: 1 }, workshopState(), row),
  )
  return access
}

function workshopState(removed: string[] = []): Uint8Array {
  const doc = new Y.Doc()
  initializeWorkshop(doc, {
    meta: { title: 'T', language: 'nb', createdAt: 1 },
    firstBoard: { id: 'b1', title: 'Tavle 1', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' },
  })
  if (removed.length > 0) getWorkshopMaps(doc).session.set('removed', removed)
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

/** The whole SQLite file (and its WAL) as text, to look for values that must not be in it. */
function storedBytes(): string {
  return ['samskap.sqlite', 'samskap.sqlite-wal']
    .map((name) => path.join(dataDir, name))
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file).toString('latin1'))
    .join('')
}

describe('AccessStore', () => {
  it('stores the link keys sealed: the database holds none of them, and they resolve to their roles', async () => {
    const access = await createWorkshop('workshop-one-0001')
    const { facilitator, participant, observer } = access.keys
    for (const key of [facilitator, participant, observer]) expect(storedBytes()).not.toContain(key!)
    const found = (await store.findWorkshop('workshop-one-0001'))!.access
    expect(found.keys).toEqual(access.keys)
    expect(store.resolve(found, facilitator)).toEqual({ role: 'facilitator', participantId: 'facilitator' })
    expect(store.resolve(found, observer)).toEqual({ role: 'observer', participantId: 'observer' })
    expect(store.resolve(found, participant)?.role).toBe('participant')
    expect(linksFor(found, 'https://x').participant).toBe(`https://x/w/workshop-one-0001?token=${participant}`)
  })

  it('resolves personal tokens it issued, and no forged, foreign or removed one', async () => {
    const access = await createWorkshop('workshop-one-0001')
    const other = await createWorkshop('workshop-two-0002')
    const kari = store.issueParticipant(access)
    expect(store.resolve(access, kari.token)).toEqual({ role: 'participant', participantId: kari.participantId })
    expect(store.resolve(other, kari.token)).toBeNull()
    expect(store.resolve(access, `${kari.participantId}.${'A'.repeat(32)}`)).toBeNull()
    expect(store.resolve(access, 'no-dot-at-all')).toBeNull()
    expect(store.resolve(access, 'x'.repeat(201))).toBeNull()
    expect(store.resolve(access, null)).toBeNull()
    await store.removeParticipant('workshop-one-0001', kari.participantId)
    expect(store.resolve((await store.findWorkshop('workshop-one-0001'))!.access, kari.token)).toBeNull()
  })

  it('rotating the participant link refuses the old key and code; personal tokens stay valid', async () => {
    const access = await createWorkshop('workshop-one-0001')
    const kari = store.issueParticipant(access)
    const rotated = await store.rotateParticipantLink(access)
    const reread = (await store.findWorkshop('workshop-one-0001'))!.access
    expect(reread.keys.participant).toBe(rotated.keys.participant)
    expect(reread.keys.participant).not.toBe(access.keys.participant)
    expect(store.resolve(reread, access.keys.participant)).toBeNull()
    expect(await store.findByCode(access.code)).toBeUndefined()
    expect(store.resolve(reread, kari.token)?.participantId).toBe(kari.participantId)
    expect(store.resolve(reread, access.keys.facilitator)?.role).toBe('facilitator')
  })

  it('with another server secret, nothing stored opens and no token resolves', async () => {
    const access = await createWorkshop('workshop-one-0001')
    const kari = store.issueParticipant(access)
    const thief = new AccessStore(persistence, new ServerKeys('t'.repeat(40)))
    const seen = (await thief.findWorkshop('workshop-one-0001'))!.access
    expect(seen.keys).toEqual({ facilitator: null, participant: null, observer: null })
    for (const token of [...Object.values(access.keys), kari.token]) expect(thief.resolve(seen, token)).toBeNull()
    expect(linksFor(seen, 'https://x')).toEqual({ facilitator: '', participant: '', observer: '' })
  })
})

describe('migrateAccess', () => {
  /** A workshop as the version before the server secret stored it: keys and secret in the clear. */
  async function legacyWorkshop(id: string, removed: string[] = []): Promise<AccessRow> {
    const row: AccessRow = {
      workshopId: id,
      code: 'ABC234',
      facilitatorKey: 'F'.repeat(32),
      participantKey: 'P'.repeat(32),
      observerKey: 'O'.repeat(32),
      secret: 'S'.repeat(43),
      legacyOpen: false,
    }
    await persistence.createWorkshop({ id, title: 'T', language: 'nb', createdAt: 1 }, workshopState(removed), row)
    return row
  }

  it('seals old rows once: their links and the personal tokens issued before keep working, the file holds none of them', async () => {
    const old = await legacyWorkshop('workshop-old-0001')
    const oldToken = `kari0000.${participantSignature(old.secret, 'workshop-old-0001', 'kari0000')}`
    expect(storedBytes()).toContain(old.facilitatorKey)

    expect(await migrateAccess(persistence, store, log)).toBe(1)
    expect(await migrateAccess(persistence, store, log)).toBe(0)

    for (const value of [old.facilitatorKey, old.participantKey, old.observerKey, old.secret]) expect(storedBytes()).not.toContain(value)
    const access = (await store.findWorkshop('workshop-old-0001'))!.access
    expect(store.resolve(access, old.facilitatorKey)?.role).toBe('facilitator')
    expect(store.resolve(access, old.observerKey)?.role).toBe('observer')
    expect(store.resolve(access, old.participantKey)?.role).toBe('participant')
    expect(store.resolve(access, oldToken)).toEqual({ role: 'participant', participantId: 'kari0000' })
    // New tokens are signed with the server's key, not the old secret.
    const fresh = store.issueParticipant(access)
    expect(fresh.token).not.toContain(participantSignature(old.secret, 'workshop-old-0001', fresh.participantId))
    expect(store.resolve(access, fresh.token)?.participantId).toBe(fresh.participantId)
  })

  it('copies the removals the stored session lists, so they are refused before the workshop is ever loaded', async () => {
    const old = await legacyWorkshop('workshop-old-0001', ['kari0000'])
    await migrateAccess(persistence, store, log)
    expect(await persistence.listRemovedParticipants('workshop-old-0001')).toEqual(['kari0000'])
    const access = (await store.findWorkshop('workshop-old-0001'))!.access
    expect(store.resolve(access, `kari0000.${participantSignature(old.secret, 'workshop-old-0001', 'kari0000')}`)).toBeNull()
    expect(store.resolve(access, `ola00000.${participantSignature(old.secret, 'workshop-old-0001', 'ola00000')}`)?.participantId).toBe('ola00000')
  })
})
