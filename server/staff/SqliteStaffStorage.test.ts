import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SqlitePersistence } from '../persistence/SqlitePersistence'
import { SqliteStaffStorage } from './SqliteStaffStorage'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

async function open(withWriter: boolean): Promise<{ staff: SqliteStaffStorage; persistence: SqlitePersistence; dataDir: string }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samskap-staff-'))
  const persistence = new SqlitePersistence(dataDir)
  const staff = new SqliteStaffStorage(dataDir, withWriter ? persistence : undefined)
  cleanups.push(async () => {
    await staff.close()
    await persistence.close()
    await fs.rm(dataDir, { recursive: true, force: true })
  })
  return { staff, persistence, dataDir }
}

describe('SqliteStaffStorage activity', () => {
  it.each([
    ['on its own connection', false],
    ["on the documents' writer thread", true],
  ])('keeps the latest activity time of each workshop, written %s', async (_how, withWriter) => {
    const { staff } = await open(withWriter)
    await staff.touchActivity([
      { workshopId: 'w1', at: 2_000 },
      { workshopId: 'w2', at: 1_000 },
    ])
    await staff.touchActivity([{ workshopId: 'w1', at: 1_500 }])
    expect((await staff.getActivity('w1'))?.lastActivityAt).toBe(2_000)
    expect((await staff.getActivity('w2'))?.lastActivityAt).toBe(1_000)
    await staff.countParticipant('w2')
    await staff.touchActivity([{ workshopId: 'w2', at: 3_000 }])
    expect(await staff.getActivity('w2')).toMatchObject({ lastActivityAt: 3_000, participants: 1 })
  })

  it("with the writer thread, commits the time with the rooms' writes: read back once the thread has closed", async () => {
    const { staff, persistence } = await open(true)
    await persistence.appendUpdates('w1', [new Uint8Array([0, 0])])
    await staff.touchActivity([{ workshopId: 'w1', at: 5_000 }])
    // Closed: whatever the thread reported committed is in the file.
    await persistence.close()
    expect((await staff.getActivity('w1'))?.lastActivityAt).toBe(5_000)
  })
})
