import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/** A secret shorter than this is refused: `openssl rand -base64 32` gives 44 characters. */
export const SERVER_SECRET_MIN_LENGTH = 32

/** Sealed values start with this (random keys and nanoids never contain a dot). */
const SEALED_PREFIX = 's1.'
const IV_BYTES = 12
const TAG_BYTES = 16
/**
 * How many opened values `open` remembers (four per workshop: three links and the old secret). A
 * few hundred bytes each; beyond it the oldest are forgotten and opened again when next asked for.
 */
export const OPENED_VALUES_KEPT = 40_000

/**
 * The keys the server derives from its one secret (SAMSKAP_SECRET or DATA_DIR/secret, see
 * serverSecret.ts), each for one purpose (HKDF-SHA256 with the purpose as `info`):
 *
 * - **seal**: AES-256-GCM for what `workshop_access` keeps of each workshop's link keys (and the
 *   per-workshop secret of workshops made before there was a server secret). The server must be
 *   able to show a facilitator the links again (the share dialog, the join screen), so it cannot
 *   keep only a hash of them; sealed with a key that is not in the database, a copy of the
 *   database gives no working link, and not even a hash to test guesses against offline.
 * - **participant tokens**: personal tokens `<participantId>.<HMAC>` are signed with
 *   HMAC(tokenKey, workshopId), so nothing in the database can sign one.
 * - **check**: a fingerprint stored in the database on first start, so an instance started with
 *   another secret refuses to start instead of refusing every link.
 */
export class ServerKeys {
  readonly #sealKey: Buffer
  readonly #tokenKey: Buffer
  /**
   * What `open` gave for each (context, sealed value). Every socket and route opens its workshop's
   * row again (so a rotated link or a removal elsewhere is seen at once), and the four AES-GCM
   * decryptions were a fifth of the server's CPU when 1,000 clients reconnected after a restart
   * (bench f). Keyed by the sealed text itself: a rotated key is a new sealed value and misses, so
   * nothing here can outlive a change; it holds no more than the opened access objects hold anyway.
   */
  readonly #opened = new Map<string, string | null>()
  readonly #openedKept: number
  /** What the database keeps to recognise this secret (base64url); reveals nothing about it. */
  readonly check: string

  /** `openedValuesKept`: a smaller memory of opened values, for tests. */
  constructor(secret: string, { openedValuesKept = OPENED_VALUES_KEPT }: { openedValuesKept?: number } = {}) {
    this.#openedKept = openedValuesKept
    if (secret.length < SERVER_SECRET_MIN_LENGTH) throw new Error(`The server secret must be at least ${SERVER_SECRET_MIN_LENGTH} characters`)
    const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'samskap', purpose, 32))
    this.#sealKey = derive('seal workshop access')
    this.#tokenKey = derive('sign participant tokens')
    this.check = derive('database check').toString('base64url')
  }

  /**
   * `plain` encrypted and authenticated for `context` (the workshop and the field it is stored in),
   * so a sealed value copied into another row or column does not open.
   */
  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.#sealKey, iv, { authTagLength: TAG_BYTES })
    cipher.setAAD(Buffer.from(context, 'utf8'))
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()])
    return `${SEALED_PREFIX}${iv.toString('base64url')}.${body.toString('base64url')}`
  }

  /** What `seal` sealed for this context, or null: not sealed, sealed with another secret, or altered. */
  open(sealed: string, context: string): string | null {
    const key = `${context}\n${sealed}`
    const known = this.#opened.get(key)
    if (known !== undefined) return known
    const opened = this.#decrypt(sealed, context)
    if (this.#opened.size >= this.#openedKept) this.#opened.delete(this.#opened.keys().next().value!)
    this.#opened.set(key, opened)
    return opened
  }

  #decrypt(sealed: string, context: string): string | null {
    if (!isSealed(sealed)) return null
    const [ivText, bodyText] = sealed.slice(SEALED_PREFIX.length).split('.')
    if (ivText === undefined || bodyText === undefined) return null
    const iv = Buffer.from(ivText, 'base64url')
    const body = Buffer.from(bodyText, 'base64url')
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) return null
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#sealKey, iv, { authTagLength: TAG_BYTES })
      decipher.setAAD(Buffer.from(context, 'utf8'))
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES))
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8')
    } catch {
      return null
    }
  }

  /** The signature part of a personal participant token (32 characters, base64url). */
  participantSignature(workshopId: string, participantId: string): string {
    const workshopKey = createHmac('sha256', this.#tokenKey).update(workshopId).digest()
    return participantSignature(workshopKey, workshopId, participantId)
  }
}

/** Whether a stored value is sealed (as opposed to a key stored in the clear by an older version). */
export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX)
}

/**
 * HMAC of the workshop and participant with `key`, as tokens have always been signed: with the
 * workshop's own secret before the server secret existed, with a key derived from it since.
 */
export function participantSignature(key: string | Buffer, workshopId: string, participantId: string): string {
  return createHmac('sha256', key).update(`participant:${workshopId}:${participantId}`).digest('base64url').slice(0, 32)
}
