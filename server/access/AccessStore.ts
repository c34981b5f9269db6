import { randomInt, timingSafeEqual } from 'node:crypto'
import { nanoid } from 'nanoid'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, type AccessRefusal, type Role, type WorkshopLinks } from '../../shared/access'
import { WORKSHOP_ID_PATTERN } from '../../shared/protocol'
import { JoinCodeTakenError, type AccessRow, type Persistence, type WorkshopRow } from '../persistence/Persistence'
import { isSealed, participantSignature, type ServerKeys } from './ServerKeys'

/** What a token lets its holder be in one workshop. */
export interface Grant {
  role: Role
  /**
   * Who they are: a participant's id (stable across reconnects with a personal token), or
   * 'facilitator' / 'observer' (people holding the same link are one identity to the server).
   */
  participantId: string
  /** The signed-in staff member this facilitator grant came from (their session); absent for a link holder. */
  staff?: { id: string; name: string }
}

/**
 * A workshop's access as the server uses it. The link keys are in the clear here, in memory only:
 * storage keeps them sealed with the server secret (ServerKeys.ts).
 */
export interface WorkshopAccess {
  workshopId: string
  /** Normalised join code (shared/access.ts). */
  code: string
  /** Each link's key; null when the stored one does not open with this server's secret (then that link admits no one). */
  keys: Readonly<Record<Role, string | null>>
  /** Signs the participant tokens issued before the server secret existed; null for workshops made since. */
  legacySecret: string | null
  /** Workshops from before roles: token-less connections are facilitators until the facilitator closes that. */
  legacyOpen: boolean
  /** Participants the facilitator removed: their personal tokens are refused by every route and socket. */
  removed: ReadonlySet<string>
}

/** Drawing a code that is taken is rare (a few thousand workshops among 887 million codes); give up after this many. */
const CODE_ATTEMPTS = 8

/**
 * Join codes, link keys and tokens of workshops (table `workshop_access`, removals in
 * `removed_participants`). Link tokens are random keys compared in constant time; a participant
 * who joins gets a personal token, `<participantId>.<HMAC of workshop and id>` signed with a key
 * derived from the server secret, so their identity (their private notes, their dots) survives
 * reconnects, cannot be claimed by someone else, and needs no table of its own. `resolve` is the
 * one place that turns a token into a grant, for every HTTP route and every socket.
 */
export class AccessStore {
  readonly #persistence: Persistence
  readonly #keys: ServerKeys

  constructor(persistence: Persistence, keys: ServerKeys) {
    this.#persistence = persistence
    this.#keys = keys
  }

  /** Fresh keys and a random code for a new workshop (not stored yet). */
  newAccess(workshopId: string, legacyOpen = false): WorkshopAccess {
    return {
      workshopId,
      code: randomJoinCode(),
      keys: { facilitator: nanoid(32), participant: nanoid(32), observer: nanoid(32) },
      legacySecret: null,
      legacyOpen,
      removed: new Set(),
    }
  }

  /**
   * Runs `store` with new access rows (sealed) until one's code is free (a collision draws again).
   * Used for creating workshops, so the workshop and its access are written in one transaction.
   */
  async withFreshCode<T>(draw: () => WorkshopAccess, store: (row: AccessRow) => Promise<T>): Promise<{ access: WorkshopAccess; result: T }> {
    for (let attempt = 1; ; attempt++) {
      const access = draw()
      try {
        return { access, result: await store(this.#seal(access)) }
      } catch (error) {
        if (!(error instanceof JoinCodeTakenError) || attempt >= CODE_ATTEMPTS) throw error
      }
    }
  }

  /**
   * The access of an existing workshop. Workshops made before roles existed get one on first
   * use, open to token-less connections as facilitators (as they were) until a facilitator closes
   * the old address.
   */
  async forWorkshop(workshopId: string): Promise<WorkshopAccess> {
    const stored = await this.#persistence.getAccess(workshopId)
    if (stored) return this.#open(stored)
    // Another instance may insert first: what is stored counts.
    const { result } = await this.withFreshCode(
      () => this.newAccess(workshopId, true),
      (row) => this.#persistence.insertAccessIfMissing(row),
    )
    return this.#open(result)
  }

  /**
   * A stored workshop and its access; undefined for an id that is malformed or not stored. Read
   * afresh on every call, in one statement with the removals (every socket asks: a reconnect after
   * a restart is a thousand of them), never cached: a removal or rotation stored by any instance is
   * refused by the next socket and route.
   */
  async findWorkshop(workshopId: string): Promise<{ workshop: WorkshopRow; access: WorkshopAccess } | undefined> {
    const found = WORKSHOP_ID_PATTERN.test(workshopId) ? await this.#persistence.getWorkshopAccess(workshopId) : undefined
    if (!found) return undefined
    const access = found.access ? await this.#open(found.access, new Set(found.removed)) : await this.forWorkshop(workshopId)
    return { workshop: found.workshop, access }
  }

  async findByCode(code: string): Promise<WorkshopAccess | undefined> {
    const row = await this.#persistence.findAccessByCode(code)
    return row && this.#open(row)
  }

  /**
   * A new participant link key and join code: the old ones admit no one from then on (not as a
   * token either). Personal tokens already issued stay valid (docs/facilitation.md: people inside
   * stay in; remove one by one).
   */
  async rotateParticipantLink(access: WorkshopAccess): Promise<WorkshopAccess> {
    const { result } = await this.withFreshCode(
      () => ({ ...access, code: randomJoinCode(), keys: { ...access.keys, participant: nanoid(32) } }),
      async (row) => {
        await this.#persistence.updateAccess(row)
        return row
      },
    )
    return this.#open(result, access.removed)
  }

  async closeLegacyAddress(access: WorkshopAccess): Promise<WorkshopAccess> {
    const next = { ...access, legacyOpen: false }
    await this.#persistence.updateAccess(this.#seal(next))
    return next
  }

  /** From now on the participant's personal token is refused everywhere (stored, so every instance and route knows). */
  async removeParticipant(workshopId: string, participantId: string): Promise<void> {
    await this.#persistence.addRemovedParticipants(workshopId, [participantId])
  }

  /**
   * The grant a token carries, or null when it carries none. `null` token: only a legacy workshop
   * admits it (as facilitator). The participant link's key is accepted too, as a new anonymous
   * participant each time (the app exchanges it at `/api/join` for a personal token first). A
   * removed participant's token carries none.
   */
  resolve(access: WorkshopAccess, token: string | null): Grant | null {
    if (token === null || token === '') return access.legacyOpen ? { role: 'facilitator', participantId: 'facilitator' } : null
    if (token.length > 200) return null
    const { keys } = access
    if (keys.facilitator !== null && safeEqual(token, keys.facilitator)) return { role: 'facilitator', participantId: 'facilitator' }
    if (keys.observer !== null && safeEqual(token, keys.observer)) return { role: 'observer', participantId: 'observer' }
    if (keys.participant !== null && safeEqual(token, keys.participant)) return { role: 'participant', participantId: nanoid(12) }
    const participantId = this.#signedParticipant(access, token)
    if (participantId === null || access.removed.has(participantId)) return null
    return { role: 'participant', participantId }
  }

  /** Why `resolve` gave this token no grant (every route and socket answers with it). */
  whyRefused(access: WorkshopAccess, token: string | null): AccessRefusal {
    if (token === null || token === '') return 'noToken'
    if (token.length > 200) return 'invalidLink'
    const participantId = this.#signedParticipant(access, token)
    return participantId !== null && access.removed.has(participantId) ? 'removed' : 'invalidLink'
  }

  /** The participant a personal token was signed for (with the server's key, or the workshop's old secret), or null. */
  #signedParticipant(access: WorkshopAccess, token: string): string | null {
    const dot = token.indexOf('.')
    if (dot <= 0) return null
    const participantId = token.slice(0, dot)
    if (!/^[A-Za-z0-9_-]{8,32}$/.test(participantId)) return null
    const signature = token.slice(dot + 1)
    const signed =
      safeEqual(signature, this.#keys.participantSignature(access.workshopId, participantId)) ||
      (access.legacySecret !== null && safeEqual(signature, participantSignature(access.legacySecret, access.workshopId, participantId)))
    return signed ? participantId : null
  }

  /** A new participant identity and the personal token that proves it. */
  issueParticipant(access: WorkshopAccess): { participantId: string; token: string } {
    const participantId = nanoid(12)
    return { participantId, token: `${participantId}.${this.#keys.participantSignature(access.workshopId, participantId)}` }
  }

  /**
   * The sealed form of a row an older version stored in the clear (keys and secret verbatim), or
   * null when it is sealed already. For the start-up migration (migrateAccess.ts).
   */
  sealStoredRow(row: AccessRow): AccessRow | null {
    if (isSealed(row.facilitatorKey)) return null
    return this.#seal({
      workshopId: row.workshopId,
      code: row.code,
      keys: { facilitator: row.facilitatorKey, participant: row.participantKey, observer: row.observerKey },
      legacySecret: row.secret === '' ? null : row.secret,
      legacyOpen: row.legacyOpen,
      removed: new Set(),
    })
  }

  #seal(access: WorkshopAccess): AccessRow {
    const { workshopId, keys } = access
    const seal = (value: string | null, field: string) => (value === null ? '' : this.#keys.seal(value, `${workshopId}:${field}`))
    return {
      workshopId,
      code: access.code,
      facilitatorKey: seal(keys.facilitator, 'facilitator'),
      participantKey: seal(keys.participant, 'participant'),
      observerKey: seal(keys.observer, 'observer'),
      secret: seal(access.legacySecret, 'secret'),
      legacyOpen: access.legacyOpen,
    }
  }

  async #open(row: AccessRow, removed?: ReadonlySet<string>): Promise<WorkshopAccess> {
    const { workshopId } = row
    const open = (value: string, field: string) => (value === '' ? null : this.#keys.open(value, `${workshopId}:${field}`))
    const keys = { facilitator: open(row.facilitatorKey, 'facilitator'), participant: open(row.participantKey, 'participant'), observer: open(row.observerKey, 'observer') }
    return {
      workshopId,
      code: row.code,
      keys,
      legacySecret: open(row.secret, 'secret'),
      legacyOpen: row.legacyOpen,
      removed: removed ?? new Set(await this.#persistence.listRemovedParticipants(workshopId)),
    }
  }
}

/** The three links, full URLs on `baseUrl`. */
export function linksFor(access: WorkshopAccess, baseUrl: string): WorkshopLinks {
  const base = `${baseUrl}/w/${access.workshopId}?token=`
  const link = (role: Role) => {
    const key = access.keys[role]
    return key === null ? '' : base + key
  }
  return { facilitator: link('facilitator'), participant: link('participant'), observer: link('observer') }
}

export function randomJoinCode(): string {
  let code = ''
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]
  return code
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
