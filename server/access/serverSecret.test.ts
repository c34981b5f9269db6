import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { SqlitePersistence } from '../persistence/SqlitePersistence'
import { openServerKeys, SECRET_FILE, ServerSecretError, type ServerSecretOptions } from './serverSecret'

const log = pino({ level: 'silent' })
const opened: SqlitePersistence[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const persistence of opened.splice(0)) await persistence.close()
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samskap-secret-'))
  dirs.push(dir)
  return dir
}

function open(dataDir: string, options: Partial<ServerSecretOptions> = {}) {
  const persistence = new SqlitePersistence(dataDir)
  opened.push(persistence)
  return openServerKeys({ persistence, dataDir, shared: false, log, ...options })
}

describe('the server secret', () => {
  it('is created in DATA_DIR/secret, 0600, on first start, and read from there after', async () => {
    const dataDir = tempDir()
    const first = await open(dataDir)
    const file = path.join(dataDir, SECRET_FILE)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(fs.readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(43)
    const again = await open(dataDir)
    expect(again.check).toBe(first.check)
  })

  it('comes from SAMSKAP_SECRET when set, and then no file is written', async () => {
    const dataDir = tempDir()
    const keys = await open(dataDir, { secret: 'x'.repeat(40) })
    expect(fs.existsSync(path.join(dataDir, SECRET_FILE))).toBe(false)
    expect((await open(dataDir, { secret: 'x'.repeat(40) })).check).toBe(keys.check)
  })

  it('refuses a secret shorter than 32 characters', async () => {
    await expect(open(tempDir(), { secret: 'too short' })).rejects.toThrow(/at least 32/)
  })

  it('refuses to start with a secret other than the one the database was sealed with', async () => {
    const dataDir = tempDir()
    await open(dataDir, { secret: 'x'.repeat(40) })
    await expect(open(dataDir, { secret: 'y'.repeat(40) })).rejects.toThrow(ServerSecretError)
    await expect(open(dataDir, { secret: 'y'.repeat(40) })).rejects.toThrow(/different server secret/)
  })

  it('refuses to start, and invents none, when the file is gone but the database knows a secret', async () => {
    const dataDir = tempDir()
    await open(dataDir)
    fs.rmSync(path.join(dataDir, SECRET_FILE))
    await expect(open(dataDir)).rejects.toThrow(/secret is missing|is missing/)
    expect(fs.existsSync(path.join(dataDir, SECRET_FILE))).toBe(false)
  })

  it('on shared storage (PostgreSQL) never invents one: each instance would invent its own', async () => {
    const dataDir = tempDir()
    await expect(open(dataDir, { shared: true })).rejects.toThrow(/SAMSKAP_SECRET is not set/)
    expect(fs.existsSync(path.join(dataDir, SECRET_FILE))).toBe(false)
    expect((await open(dataDir, { shared: true, secret: 'z'.repeat(32) })).check).toBeTruthy()
  })

  it('tightens a secret file others could read', async () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, SECRET_FILE)
    fs.writeFileSync(file, 'q'.repeat(44))
    fs.chmodSync(file, 0o644)
    await open(dataDir)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
  })
})
