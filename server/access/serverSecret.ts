import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from '../log'
import type { Persistence } from '../persistence/Persistence'
import { SERVER_SECRET_MIN_LENGTH, ServerKeys } from './ServerKeys'

/** `server_settings` row holding the fingerprint of the secret the database was sealed with. */
const CHECK_SETTING = 'secret_check'
export const SECRET_FILE = 'secret'

/** The server cannot start with the secret it has (missing, too short, or not the one the database knows). */
export class ServerSecretError extends Error {
  override name = 'ServerSecretError'
}

export interface ServerSecretOptions {
  persistence: Persistence
  dataDir: string
  /** SAMSKAP_SECRET, when set. */
  secret?: string
  /** Storage shared by several instances (PostgreSQL): the secret is never invented, each would invent its own. */
  shared: boolean
  log: Logger
}

/**
 * The server's keys, from SAMSKAP_SECRET or DATA_DIR/secret. On one SQLite server the file is
 * created (0600, 32 random bytes) on first start; on PostgreSQL a secret must be configured, the
 * same on every instance. The database keeps a fingerprint of the secret it was sealed with: a
 * different secret, or a missing file beside a database that has one, stops the start with a
 * reason instead of turning every link away.
 */
export async function openServerKeys(options: ServerSecretOptions): Promise<ServerKeys> {
  const { persistence, dataDir, shared, log } = options
  const stored = await persistence.getServerSetting(CHECK_SETTING)
  const file = path.join(dataDir, SECRET_FILE)
  let secret = options.secret
  if (secret === undefined) secret = readSecretFile(file, log)
  if (secret === undefined) {
    if (shared) {
      throw new ServerSecretError(
        'SAMSKAP_SECRET is not set. With DATABASE_URL every instance must be given the same secret ' +
          `(or find it in DATA_DIR/${SECRET_FILE}); an instance does not invent one (docs/deploy.md).`,
      )
    }
    if (stored !== undefined) {
      throw new ServerSecretError(
        `${file} is missing, but this database was sealed with a server secret: restore the file from where ` +
          'you keep it (or set SAMSKAP_SECRET). Without it no link or token of the stored workshops works.',
      )
    }
    secret = createSecretFile(file)
    log.info({ file }, 'server secret created')
  }
  if (secret.length < SERVER_SECRET_MIN_LENGTH) {
    throw new ServerSecretError(`The server secret must be at least ${SERVER_SECRET_MIN_LENGTH} characters (openssl rand -base64 32)`)
  }
  const keys = new ServerKeys(secret)
  const known = stored ?? (await persistence.putServerSettingIfMissing(CHECK_SETTING, keys.check))
  if (known !== keys.check) {
    throw new ServerSecretError(
      'This database was sealed with a different server secret (SAMSKAP_SECRET or DATA_DIR/secret). ' +
        'Start with the secret it was sealed with; with several instances, give them all the same one.',
    )
  }
  return keys
}

function readSecretFile(file: string, log: Logger): string | undefined {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) {
    fs.chmodSync(file, 0o600)
    log.warn({ file }, 'the server secret was readable by others; now 0600')
  }
  return text.trim()
}

function createSecretFile(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const secret = randomBytes(32).toString('base64url')
  // 'wx': never over an existing file. The mode is set again after: a umask only takes bits away,
  // but the file must be exactly 0600 whatever the process was started with.
  const fd = fs.openSync(file, 'wx', 0o600)
  try {
    fs.fchmodSync(fd, 0o600)
    fs.writeSync(fd, `${secret}\n`)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  return secret
}
