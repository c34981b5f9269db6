import Database from 'better-sqlite3'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqlitePersistence } from './SqlitePersistence'
import { randomJoinCode } from '../access/AccessStore'
import { JoinCodeTakenError, type AccessRow } from './Persistence'

/** Storage keeps what it is given: the values stand in for sealed keys. */
function access(workshopId: string, code = randomJoinCode()): AccessRow {
  return { workshopId, code, facilitatorKey: `f-${workshopId}`, participantKey: `p-${workshopId}`, observerKey: `o-${workshopId}`, secret: '', legacyOpen: false }
}

const bytes = (...values: number[]) => new Uint8Array(values)

describe('SqlitePersistence', () => {
  let dataDir: string
  let persistence: SqlitePersistence
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samskap-sqlite-'))
    persistence = new SqlitePersistence(dataDir)
  })
  afterEach(async () => {
    await persistence.close()
    await fs.rm(dataDir, { recursive: true, force: true })
  })

  it('creates a workshop with its initial state as the snapshot', async () => {
    await persistence.createWorkshop({ id: 'w1', title: 'T', language: 'nb', createdAt: 5 }, bytes(1, 2), access('w1'))
    expect(await persistence.getWorkshop('w1')).toEqual({ id: 'w1', title: 'T', language: 'nb', createdAt: 5 })
    expect(await persistence.getWorkshop('nope')).toBeUndefined()
    expect(await persistence.loadDocument('w1')).toEqual({ snapshot: bytes(1, 2), updates: [], lastSeq: 0, snapshotSchema: null })
  })

  it('appends in order and numbers on after compaction deleted the log', async () => {
    await persistence.createWorkshop({ id: 'w1', title: 'T', language: 'nb', createdAt: 5 }, bytes(0), access('w1'))
    expect(await persistence.appendUpdates('w1', [bytes(1), bytes(2)])).toBe(2)
    expect(await persistence.appendUpdates('w1', [bytes(3)])).toBe(3)
    await persistence.compact('w1', bytes(9, 9), 3, 'note:3')
    expect(await persistence.loadDocument('w1')).toEqual({ snapshot: bytes(9, 9), updates: [], lastSeq: 3, snapshotSchema: 'note:3' })
    // Not 1 again: a stale row numbered at or below the snapshot would be skipped on load.
    expect(await persistence.appendUpdates('w1', [bytes(4)])).toBe(4)
    expect(await persistence.loadDocument('w1')).toEqual({ snapshot: bytes(9, 9), updates: [bytes(4)], lastSeq: 4, snapshotSchema: 'note:3' })
  })

  it('keeps log rows written after the compacted sequence', async () => {
    await persistence.createWorkshop({ id: 'w1', title: 'T', language: 'nb', createdAt: 5 }, bytes(0), access('w1'))
    await persistence.appendUpdates('w1', [bytes(1), bytes(2), bytes(3)])
    await persistence.compact('w1', bytes(7), 2)
    expect(await persistence.loadDocument('w1')).toEqual({ snapshot: bytes(7), updates: [bytes(3)], lastSeq: 3, snapshotSchema: null })
  })

  it('runs in WAL mode with synchronous = FULL and survives reopening', async () => {
    await persistence.createWorkshop({ id: 'w1', title: 'T', language: 'nb', createdAt: 5 }, bytes(0), access('w1'))
    await persistence.appendUpdates('w1', [bytes(1)])
    await persistence.close()
    const files = await fs.readdir(dataDir)
    expect(files).toContain('samskap.sqlite')
    persistence = new SqlitePersistence(dataDir)
    expect((await persistence.loadDocument('w1')).updates).toEqual([bytes(1)])
    expect(persistence.pragma('journal_mode')).toBe('wal')
    expect(persistence.pragma('synchronous')).toBe(2)
  })
})

describe('SqlitePersistence access rows', () => {
  let dataDir: string
  let persistence: SqlitePersistence
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samskap-access-'))
    persistence = new SqlitePersistence(dataDir)
  })
  afterEach(async () => {
    await persistence.close()
    await fs.rm(dataDir, { recursive: true, force: true })
  })
  const row = (id: string) => ({ id, title: 'T', language: 'nb', createdAt: 1 })

  it('stores the access row with the workshop and finds it by code', async () => {
    const a = access('w1', 'ABC234')
    await persistence.createWorkshop(row('w1'), new Uint8Array([0]), a)
    expect(await persistence.getAccess('w1')).toEqual(a)
    expect(await persistence.findAccessByCode('ABC234')).toEqual(a)
    expect(await persistence.findAccessByCode('ZZZ999')).toBeUndefined()
  })

  it('refuses a taken code with JoinCodeTakenError and stores nothing of that workshop', async () => {
    await persistence.createWorkshop(row('w1'), new Uint8Array([0]), access('w1', 'ABC234'))
    await expect(persistence.createWorkshop(row('w2'), new Uint8Array([0]), access('w2', 'ABC234'))).rejects.toBeInstanceOf(JoinCodeTakenError)
    expect(await persistence.getWorkshop('w2')).toBeUndefined()
    expect(await persistence.getAccess('w2')).toBeUndefined()
  })

  it('updates a row, and refuses an update to a taken code', async () => {
    await persistence.createWorkshop(row('w1'), new Uint8Array([0]), access('w1', 'ABC234'))
    await persistence.createWorkshop(row('w2'), new Uint8Array([0]), access('w2', 'DEF567'))
    const rotated = { ...(await persistence.getAccess('w1'))!, code: 'GHJ892', participantKey: 'new-key' }
    await persistence.updateAccess(rotated)
    expect(await persistence.getAccess('w1')).toEqual(rotated)
    expect(await persistence.findAccessByCode('ABC234')).toBeUndefined()
    await expect(persistence.updateAccess({ ...rotated, code: 'DEF567' })).rejects.toBeInstanceOf(JoinCodeTakenError)
  })

  it('inserts a missing row once; a second insert returns the first', async () => {
    const first = access('old', 'KMN234')
    expect(await persistence.insertAccessIfMissing(first)).toEqual(first)
    expect(await persistence.insertAccessIfMissing(access('old', 'PQR567'))).toEqual(first)
  })

  it('replaces a row only while it is the one expected, and lists every row', async () => {
    const stored = access('w1', 'ABC234')
    await persistence.createWorkshop(row('w1'), new Uint8Array([0]), stored)
    await persistence.createWorkshop(row('w2'), new Uint8Array([0]), access('w2', 'DEF567'))
    const sealed = { ...stored, facilitatorKey: 's1.sealed', secret: 's1.secret' }
    expect(await persistence.replaceAccessIf(stored, sealed)).toBe(true)
    // A second instance that read the old row loses: the row is no longer what it expects.
    expect(await persistence.replaceAccessIf(stored, { ...stored, facilitatorKey: 's1.other' })).toBe(false)
    expect(await persistence.getAccess('w1')).toEqual(sealed)
    expect((await persistence.listAccessRows()).map((r) => r.workshopId)).toEqual(['w1', 'w2'])
    await persistence.scrubReplacedAccess()
  })

  it('keeps removed participants per workshop; removing twice is no error', async () => {
    await persistence.addRemovedParticipants('w1', ['kari0000', 'ola00000'])
    await persistence.addRemovedParticipants('w1', ['kari0000'])
    await persistence.addRemovedParticipants('w1', [])
    expect((await persistence.listRemovedParticipants('w1')).sort()).toEqual(['kari0000', 'ola00000'])
    expect(await persistence.listRemovedParticipants('w2')).toEqual([])
  })

  it('reads a workshop, its access row and its removals in one statement, each as the separate reads give it', async () => {
    await persistence.createWorkshop({ id: 'w1', title: 'T', language: 'nb', createdAt: 5 }, bytes(0), access('w1'))
    await persistence.createWorkshop({ id: 'w2', title: 'U', language: 'da', createdAt: 6 }, bytes(0), access('w2'))
    await persistence.addRemovedParticipants('w1', ['kari0000', 'ola00000'])
    await persistence.addRemovedParticipants('w2', ['per00000'])
    const one = await persistence.getWorkshopAccess('w1')
    expect(one).toEqual({ workshop: await persistence.getWorkshop('w1'), access: await persistence.getAccess('w1'), removed: expect.any(Array) })
    expect(one!.removed.sort()).toEqual(['kari0000', 'ola00000'])
    expect(await persistence.getWorkshopAccess('w2')).toMatchObject({ workshop: { title: 'U', language: 'da', createdAt: 6 }, removed: ['per00000'] })
    expect(await persistence.getWorkshopAccess('nope')).toBeUndefined()
    // A removal is seen by the very next read.
    await persistence.addRemovedParticipants('w2', ['eva00000'])
    expect((await persistence.getWorkshopAccess('w2'))!.removed.sort()).toEqual(['eva00000', 'per00000'])
    // A workshop from before roles has no access row: the workshop is still found, with none.
    const raw = new Database(path.join(dataDir, 'samskap.sqlite'))
    raw.prepare('DELETE FROM workshop_access WHERE workshop_id = ?').run('w1')
    raw.close()
    expect(await persistence.getWorkshopAccess('w1')).toEqual({ workshop: await persistence.getWorkshop('w1'), access: undefined, removed: expect.any(Array) })
  })

  it('stores a server setting once: the first value stays', async () => {
    expect(await persistence.getServerSetting('secret_check')).toBeUndefined()
    expect(await persistence.putServerSettingIfMissing('secret_check', 'first')).toBe('first')
    expect(await persistence.putServerSettingIfMissing('secret_check', 'second')).toBe('first')
    expect(await persistence.getServerSetting('secret_check')).toBe('first')
  })
})
