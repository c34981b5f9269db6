import { spawn } from 'node:child_process'
import readline from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import type { SamskapServerOptions } from '../../server/createSamskapServer'
import { createWorkshop, synced, TestResources, waitFor } from '../server/helpers'
import { isolate, startInstance, type Isolation } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

/** How soon the people of a dead instance must be gone from everyone's presence (issue 16). */
const PRESENCE_GONE_WITHIN_MS = 5_000

/** An instance in a child process of its own (its PID is what gets killed), sharing the test's PostgreSQL and Redis. */
async function startInstanceProcess(isolation: Isolation): Promise<{ url: string; pid: number }> {
  const options: Partial<SamskapServerOptions> = {
    dataDir: await resources.tempDir(),
    databaseUrl: isolation.databaseUrl,
    databaseSchema: isolation.schema,
    redisUrl: isolation.redisUrl,
    redisChannelPrefix: isolation.channelPrefix,
    redisKeyPrefix: isolation.channelPrefix,
    secret: isolation.secret,
    unloadDelayMs: 200,
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/scaleout/instanceProcess.ts', JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  resources.defer(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout })
    lines.on('line', (line) => {
      if (line.startsWith('ready ')) resolve(line.slice('ready '.length))
    })
    child.once('exit', (code, signal) => reject(new Error(`the instance process exited (${code ?? signal}) before it listened`)))
  })
  return { url, pid: child.pid! }
}

describe('an instance that dies without closing its sockets', () => {
  it('has its people removed from everyone else\'s presence within 5 s, and only its people', async () => {
    const isolation = await isolate(resources)
    const dying = await startInstanceProcess(isolation)
    const b = await startInstance(resources, isolation)
    const c = await startInstance(resources, isolation)
    const id = await createWorkshop(b.url)
    const names = (client: { provider: { awareness: { getStates(): Map<number, Record<string, unknown>> } } }) =>
      [...client.provider.awareness.getStates().values()].map((state) => (state.user as { name?: string } | undefined)?.name)

    const ada = resources.connect(dying.url, id)
    const bob = resources.connect(b.url, id)
    const carol = resources.connect(c.url, id)
    await Promise.all([synced(ada.provider), synced(bob.provider), synced(carol.provider)])
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob' })
    carol.provider.awareness.setLocalStateField('user', { name: 'Carol' })
    await waitFor(() => names(bob).includes('Ada') && names(bob).includes('Carol'), 'Bob sees Ada and Carol')
    await waitFor(() => names(carol).includes('Ada'), 'Carol sees Ada')

    process.kill(dying.pid, 'SIGKILL')
    const killedAt = Date.now()
    // Polled against a deadline: y-protocols' own timeout would take 30 s.
    while ((names(bob).includes('Ada') || names(carol).includes('Ada')) && Date.now() - killedAt < PRESENCE_GONE_WITHIN_MS) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(names(bob)).not.toContain('Ada')
    expect(names(carol)).not.toContain('Ada')
    // The living stay: Bob still sees Carol, Carol Bob.
    expect(names(bob)).toContain('Carol')
    expect(names(carol)).toContain('Bob')
  })
})
