import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { nanoid } from 'nanoid'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, type Role, type WorkshopLinks } from '../../shared/access'
import { WORKSHOP_ID_PATTERN } from '../../shared/protocol'
import { JoinCodeTakenError, type AccessRow, type Persistence, type WorkshopRow } from '../persistence/Persistence'

/** What a token lets its holder be in one workshop. */
export interface Grant {
  role: Role
  /**
   * Who they are: a participant's id (stable across reconnects with a personal token), or
   * 'facilitator' / 'observer' (people holding the same link are one identity to the server).
   */
  participantId: string
}

/** Drawing a code that is taken is rare (a few thousand workshops among 887 million codes); give up after this many. */
const CODE_ATTEMPTS = 8

/**
 * Join codes, link keys and tokens of workshops (table `workshop_access`). Link tokens are random
 * keys compared in constant time; a participant who joins gets a personal token,
 * `<participantId>.<HMAC of workshop and id>`, so their identity (their private notes, their dots)
 * survives reconnects and cannot be claimed by someone else, and needs no table of its own.
 */
export class AccessStore {
  readonly #persistence: Persistence

  constructor(persistence: Persistence) {
    this.#persistence = persistence
  }

  /** Fresh keys and a random code for a new workshop (not stored yet). */
  newAccess(workshopId: string, legacyOpen = false): AccessRow {
    return {
      workshopId,
      code: randomJoinCode(),
      facilitatorKey: nanoid(32),
      participantKey: nanoid(32),
      observerKey: nanoid(32),
      secret: nanoid(43),
      legacyOpen,
    }
  }

  /**
   * Runs `store` with new access rows until one's code is free (a collision draws again). Used for
   * creating workshops, so the workshop and its access are written in one transaction.
   */
  async withFreshCode<T>(draw: () => AccessRow, store: (access: AccessRow) => Promise<T>): Promise<{ access: AccessRow; result: T }> {
    for (let attempt = 1; ; attempt++) {
      const access = draw()
      try {
        return { access, result: await store(access) }
      } catch (error) {
        if (!(error instanceof JoinCodeTakenError) || attempt >= CODE_ATTEMPTS) throw error
      }
    }
  }

  /**
   * The access row of an existing workshop. Workshops made before roles existed get one on first
   * use, open to token-less connections as facilitators (as they were) until a facilitator closes
   * the old address.
   */
  async forWorkshop(workshopId: string): Promise<AccessRow> {
    const stored = await this.#persistence.getAccess(workshopId)
    if (stored) return stored
    const { result } = await this.withFreshCode(
      () => this.newAccess(workshopId, true),
      (access) => this.#persistence.insertAccessIfMissing(access),
    )
    return result
  }

  /** A stored workshop and its access row; undefined for an id that is malformed or not stored. */
  async findWorkshop(workshopId: string): Promise<{ workshop: WorkshopRow; access: AccessRow } | undefined> {
    const workshop = WORKSHOP_ID_PATTERN.test(workshopId) ? await this.#persistence.getWorkshop(workshopId) : undefined
    return workshop ? { workshop, access: await this.forWorkshop(workshopId) } : undefined
  }

  findByCode(code: string): Promise<AccessRow | undefined> {
    return this.#persistence.findAccessByCode(code)
  }

  /** A new participant link key and join code: the old ones stop admitting people; those inside stay. */
  async rotateParticipantLink(access: AccessRow): Promise<AccessRow> {
    const { result } = await this.withFreshCode(
      () => ({ ...access, code: randomJoinCode(), participantKey: nanoid(32) }),
      async (next) => {
        await this.#persistence.updateAccess(next)
        return next
      },
    )
    return result
  }

  async closeLegacyAddress(access: AccessRow): Promise<AccessRow> {
    const next = { ...access, legacyOpen: false }
    await this.#persistence.updateAccess(next)
    return next
  }

  /**
   * The grant a token carries, or null when it carries none. `null` token: only a legacy workshop
   * admits it (as facilitator). The participant link's key is accepted too, as a new anonymous
   * participant each time (the app exchanges it at `/api/join` for a personal token first).
   */
  resolve(access: AccessRow, token: string | null): Grant | null {
    if (token === null || token === '') return access.legacyOpen ? { role: 'facilitator', participantId: 'facilitator' } : null
    if (token.length > 200) return null
    if (safeEqual(token, access.facilitatorKey)) return { role: 'facilitator', participantId: 'facilitator' }
    if (safeEqual(token, access.observerKey)) return { role: 'observer', participantId: 'observer' }
    if (safeEqual(token, access.participantKey)) return { role: 'participant', participantId: nanoid(12) }
    const dot = token.indexOf('.')
    if (dot <= 0) return null
    const participantId = token.slice(0, dot)
    if (!/^[A-Za-z0-9_-]{8,32}$/.test(participantId)) return null
    return safeEqual(token.slice(dot + 1), signature(access, participantId)) ? { role: 'participant', participantId } : null
  }

  /** A new participant identity and the personal token that proves it. */
  issueParticipant(access: AccessRow): { participantId: string; token: string } {
    const participantId = nanoid(12)
    return { participantId, token: `${participantId}.${signature(access, participantId)}` }
  }
}

/** The three links, full URLs on `baseUrl`. */
export function linksFor(access: AccessRow, baseUrl: string): WorkshopLinks {
  const base = `${baseUrl}/w/${access.workshopId}?token=`
  return {
    facilitator: base + access.facilitatorKey,
    participant: base + access.participantKey,
    observer: base + access.observerKey,
  }
}

export function randomJoinCode(): string {
  let code = ''
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]
  return code
}

function signature(access: AccessRow, participantId: string): string {
  return createHmac('sha256', access.secret).update(`participant:${access.workshopId}:${participantId}`).digest('base64url').slice(0, 32)
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
