// `npm test` runs this first (`npm run test:e2e` and `test:scaleout` for their own part): it looks
// for what the tests need from the system, installs what is missing with apt when it may (as root,
// or through `sudo -n`), and otherwise stops at once with one message naming the packages and the
// command that installs them. Then, if node_modules is missing, it runs `npm ci`. Plain Node and no
// dependencies, since it runs before node_modules exists.
//
//   node scripts/test-prerequisites.mjs [all|e2e|scaleout]
//
// TEST_PREREQUISITES_ROOT (for its own tests, scripts/test-prerequisites.test.mjs) makes it look at
// another filesystem root; it then never installs, since apt would install into this one.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const repo = fileURLToPath(new URL('..', import.meta.url))

/** The oldest Node the project runs on (package.json `engines`). */
export const minimumNode = [20, 19]

/**
 * What the tests need from the system: for which tests, how it is found, and the Debian and Ubuntu
 * package that provides it. tests/e2e/harness.ts launches CHROMIUM_PATH or /usr/bin/chromium;
 * scripts/with-test-services.sh starts redis-server and a PostgreSQL cluster from PATH or
 * /usr/lib/postgresql/<version>/bin, as the `postgres` user when run as root.
 */
export const needs = [
  {
    package: 'chromium',
    project: 'e2e',
    what: 'Chromium, which the end-to-end tests drive',
    found: (system) => system.isExecutable(system.chromiumPath()),
  },
  {
    package: 'fonts-dejavu-core',
    project: 'e2e',
    what: 'a font with Norwegian letters, so text measures the same on every machine',
    found: (system) => system.isFile('usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
  },
  {
    package: 'poppler-utils',
    project: 'e2e',
    what: 'pdftoppm, to look at the pages of exported PDFs',
    found: (system) => system.hasCommand('pdftoppm'),
  },
  {
    package: 'redis-server',
    project: 'scaleout',
    what: 'Redis, which the scale-out tests start privately',
    found: (system) => system.hasCommand('redis-server'),
  },
  {
    package: 'postgresql',
    project: 'scaleout',
    what: 'PostgreSQL (initdb, pg_ctl), a private cluster for the scale-out tests',
    found: (system) =>
      ((system.hasCommand('initdb') && system.hasCommand('pg_ctl')) || system.hasPostgresBin()) &&
      // initdb refuses to run as root; with-test-services.sh runs it as the package's postgres user.
      (system.uid !== 0 || system.hasUser('postgres')),
  },
]

/** The system as the checks see it: `root` is `/` except in this script's own tests. */
export function systemAt(root, env, uid) {
  const at = (path) => join(root, path)
  const isExecutable = (path) => {
    try {
      accessSync(path, constants.X_OK)
      return statSync(path).isFile()
    } catch {
      return false
    }
  }
  return {
    uid,
    env,
    isExecutable,
    chromiumPath: () => env.CHROMIUM_PATH || at('usr/bin/chromium'),
    isFile: (path) => existsSync(at(path)) && statSync(at(path)).isFile(),
    hasCommand: (name) => (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, name))),
    hasPostgresBin: () => {
      const versions = existsSync(at('usr/lib/postgresql')) ? readdirSync(at('usr/lib/postgresql')) : []
      return versions.some((version) => isExecutable(at(`usr/lib/postgresql/${version}/bin/initdb`)))
    },
    hasUser: (name) => existsSync(at('etc/passwd')) && readFileSync(at('etc/passwd'), 'utf8').split('\n').some((line) => line.startsWith(`${name}:`)),
    /** Ubuntu and its derivatives package Chromium only as a snap (`chromium-browser` is a stub). */
    isUbuntuLike: () => {
      if (!existsSync(at('etc/os-release'))) return false
      const release = readFileSync(at('etc/os-release'), 'utf8')
      return /^ID=("?)ubuntu\1$/m.test(release) || /^ID_LIKE=.*\bubuntu\b/m.test(release)
    },
  }
}

export function missingNeeds(system, project = 'all') {
  return needs.filter((need) => (project === 'all' || need.project === project) && !need.found(system))
}

/**
 * What to do about the missing needs, as data: nothing, install these packages with apt-get (run
 * as root, or after this prefix), or stop with this message. `canInstall` is false for a pretend
 * root and after installing, when what is still missing is reported.
 */
export function planFor(missing, { system, canInstall, hasAptGet, canSudo }) {
  if (missing.length === 0) return { kind: 'ready' }
  const chromiumElsewhere = missing.some((need) => need.package === 'chromium') && (system.env.CHROMIUM_PATH || system.isUbuntuLike())
  const packages = missing.map((need) => need.package).filter((name) => !(name === 'chromium' && chromiumElsewhere))
  const fixes = []
  if (chromiumElsewhere) {
    fixes.push(
      system.env.CHROMIUM_PATH
        ? `CHROMIUM_PATH is ${system.env.CHROMIUM_PATH}, which is not an executable file: point it at a Chromium or Chrome, or unset it to use /usr/bin/chromium (Debian package chromium).`
        : 'Chromium: Ubuntu packages it only as a snap. Install a Chromium or Chrome and name it in CHROMIUM_PATH, e.g. `sudo snap install chromium`, then `CHROMIUM_PATH=/snap/bin/chromium npm test`.',
    )
  }
  // What apt cannot provide (fixes) is reported after installing the rest.
  if (packages.length > 0 && canInstall && hasAptGet && (system.uid === 0 || canSudo)) {
    return { kind: 'install', packages, prefix: system.uid === 0 ? [] : ['sudo', '-n'] }
  }
  return { kind: 'stop', message: stopMessage(missing, packages, fixes, hasAptGet) }
}

function stopMessage(missing, packages, fixes, hasAptGet) {
  const lines = ['The tests need what this system lacks:']
  for (const need of missing) lines.push(`  - ${need.what}${packages.includes(need.package) ? ` (package ${need.package})` : ''}`)
  if (packages.length > 0) {
    const list = packages.join(' ')
    lines.push(
      hasAptGet
        ? `Install ${packages.length === 1 ? 'it' : 'them'} as root, then run the tests again (npm test installs them itself when run as root):\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${list}`
        : `This system has no apt-get: install the equivalents of these Debian packages, then run the tests again: ${list}`,
    )
  }
  lines.push(...fixes)
  return lines.join('\n')
}

function atLeast(version, [major, minor]) {
  const [m, n] = version.split('.').map(Number)
  return m > major || (m === major && n >= minor)
}

function run(command, args, options = {}) {
  return spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options })
}

function stop(message) {
  console.error(`\n${message}\n`)
  process.exit(1)
}

/** apt-get quietly; on failure its whole output and the command, so the cause is not hidden. */
function aptGet(prefix, args) {
  const command = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]
  const result = run(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.status !== 0) {
    stop(`${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}\nThis failed: ${command.join(' ')}`)
  }
}

function main() {
  const project = process.argv[2] ?? 'all'
  if (!['all', 'e2e', 'scaleout'].includes(project)) stop(`test-prerequisites: unknown project ${project} (all, e2e or scaleout)`)
  if (!atLeast(process.versions.node, minimumNode)) {
    stop(`Samskap needs Node.js ${minimumNode.join('.')} or newer; this is ${process.versions.node}.`)
  }

  const root = process.env.TEST_PREREQUISITES_ROOT || '/'
  const system = systemAt(root, process.env, process.getuid?.() ?? -1)
  const missing = missingNeeds(system, project)
  const hasAptGet = system.hasCommand('apt-get')
  const canSudo = missing.length > 0 && system.uid !== 0 && system.hasCommand('sudo') && run('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0
  const plan = planFor(missing, { system, canInstall: root === '/', hasAptGet, canSudo })
  if (plan.kind === 'stop') stop(plan.message)
  if (plan.kind === 'install') {
    const started = Date.now()
    console.log(`Installing what the tests need with apt-get${plan.prefix.length ? ' (through sudo)' : ''}: ${plan.packages.join(' ')}`)
    aptGet(plan.prefix, ['update', '-qq'])
    aptGet(plan.prefix, ['install', '-y', '-qq', '--no-install-recommends', ...plan.packages])
    const still = missingNeeds(system, project)
    if (still.length > 0) stop(planFor(still, { system, canInstall: false, hasAptGet, canSudo: false }).message)
    console.log(`Installed in ${Math.round((Date.now() - started) / 1000)} s.`)
  }

  if (!existsSync(join(repo, 'node_modules', '.bin', 'vitest'))) {
    console.log('node_modules is missing: npm ci')
    const install = run('npm', ['ci', '--no-fund', '--no-audit'], { cwd: repo, stdio: 'inherit' })
    if (install.status !== 0) stop('npm ci failed (above); `npm install` installs the dependencies too.')
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
