import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { missingNeeds, planFor, systemAt } from './test-prerequisites.mjs'

const script = fileURLToPath(new URL('./test-prerequisites.mjs', import.meta.url))
const roots = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** A pretend filesystem root with these files (executable ones end in `*`). */
function fakeRoot(files) {
  const root = mkdtempSync(join(tmpdir(), 'samskap-prereq-'))
  roots.push(root)
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path.replace(/\*$/, ''))
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, content)
    if (path.endsWith('*')) chmodSync(file, 0o755)
  }
  return root
}

const everything = {
  'usr/bin/chromium*': '',
  'usr/share/fonts/truetype/dejavu/DejaVuSans.ttf': '',
  'usr/bin/pdftoppm*': '',
  'usr/bin/redis-server*': '',
  'usr/lib/postgresql/15/bin/initdb*': '',
  'etc/passwd': 'root:x:0:0::/root:/bin/bash\npostgres:x:100:100::/var/lib/postgresql:/bin/bash\n',
}

function without(...paths) {
  return Object.fromEntries(Object.entries(everything).filter(([path]) => !paths.includes(path)))
}

const system = (root, env = {}, uid = 1000) => systemAt(root, { PATH: join(root, 'usr/bin'), ...env }, uid)
const packagesMissing = (root, env, uid, project) => missingNeeds(system(root, env, uid), project).map((need) => need.package)

describe('test prerequisites', () => {
  it('finds everything on a complete system', () => {
    expect(packagesMissing(fakeRoot(everything))).toEqual([])
  })

  it('names the package of each missing thing, only for the project asked for', () => {
    const root = fakeRoot(without('usr/bin/chromium*', 'usr/bin/redis-server*'))
    expect(packagesMissing(root)).toEqual(['chromium', 'redis-server'])
    expect(packagesMissing(root, {}, 1000, 'e2e')).toEqual(['chromium'])
    expect(packagesMissing(root, {}, 1000, 'scaleout')).toEqual(['redis-server'])
  })

  it('finds PostgreSQL on PATH as well as under /usr/lib/postgresql, and as root needs its postgres user', () => {
    const onPath = fakeRoot({ ...without('usr/lib/postgresql/15/bin/initdb*'), 'usr/bin/initdb*': '', 'usr/bin/pg_ctl*': '' })
    expect(packagesMissing(onPath)).toEqual([])
    expect(packagesMissing(fakeRoot(without('usr/lib/postgresql/15/bin/initdb*')))).toEqual(['postgresql'])
    const noUser = fakeRoot({ ...everything, 'etc/passwd': 'root:x:0:0::/root:/bin/bash\n' })
    expect(packagesMissing(noUser, {}, 1000)).toEqual([])
    expect(packagesMissing(noUser, {}, 0)).toEqual(['postgresql'])
  })

  it('uses CHROMIUM_PATH as the e2e harness does', () => {
    const root = fakeRoot({ ...without('usr/bin/chromium*'), 'opt/chrome/chrome*': '' })
    expect(packagesMissing(root, { CHROMIUM_PATH: join(root, 'opt/chrome/chrome') })).toEqual([])
    expect(packagesMissing(fakeRoot(everything), { CHROMIUM_PATH: '/nowhere/chrome' })).toEqual(['chromium'])
  })

  it('installs as root, through sudo -n when it may, and otherwise stops naming the packages and the command', () => {
    const root = fakeRoot(without('usr/bin/chromium*', 'usr/bin/pdftoppm*'))
    const plan = (uid, options) => planFor(missingNeeds(system(root, {}, uid)), { system: system(root, {}, uid), canInstall: true, hasAptGet: true, canSudo: false, ...options })
    expect(plan(0)).toEqual({ kind: 'install', packages: ['chromium', 'poppler-utils'], prefix: [] })
    expect(plan(1000, { canSudo: true })).toEqual({ kind: 'install', packages: ['chromium', 'poppler-utils'], prefix: ['sudo', '-n'] })
    const stopped = plan(1000)
    expect(stopped.kind).toBe('stop')
    expect(stopped.message).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium poppler-utils')
    expect(plan(0, { canInstall: false }).kind).toBe('stop')
    expect(plan(0, { hasAptGet: false }).message).toContain('no apt-get')
  })

  it('on Ubuntu installs the rest with apt and says how to get a Chromium', () => {
    const root = fakeRoot({ ...without('usr/bin/chromium*', 'usr/bin/redis-server*'), 'etc/os-release': 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n' })
    const ubuntu = system(root, {}, 0)
    expect(planFor(missingNeeds(ubuntu), { system: ubuntu, canInstall: true, hasAptGet: true, canSudo: false })).toEqual({
      kind: 'install',
      packages: ['redis-server'],
      prefix: [],
    })
    const stopped = planFor(missingNeeds(ubuntu, 'e2e'), { system: ubuntu, canInstall: true, hasAptGet: true, canSudo: false })
    expect(stopped.kind).toBe('stop')
    expect(stopped.message).toContain('CHROMIUM_PATH')
    expect(stopped.message).not.toContain('apt-get install')
  })

  it('as a command: silent on a complete system, and one message and exit 1 at once when something is missing', () => {
    const run = (root) =>
      spawnSync(process.execPath, [script], {
        encoding: 'utf8',
        env: { PATH: join(root, 'usr/bin'), TEST_PREREQUISITES_ROOT: root },
        timeout: 10_000,
      })
    const complete = run(fakeRoot(everything))
    expect(complete.status).toBe(0)
    expect(complete.stdout + complete.stderr).toBe('')

    // A pretend root is never installed into, even with apt-get there and as root.
    const lacking = fakeRoot(without('usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'usr/bin/redis-server*'))
    symlinkSync('/bin/false', join(lacking, 'usr/bin/apt-get'))
    const stopped = run(lacking)
    expect(stopped.status).toBe(1)
    expect(stopped.stdout).toBe('')
    expect(stopped.stderr).toContain('sudo apt-get install -y --no-install-recommends fonts-dejavu-core redis-server')
  })
})
