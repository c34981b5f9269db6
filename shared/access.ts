/**
 * Who may do what in a workshop, and how people get in. The server is the authority: it checks
 * every token and enforces every role (server/access, server/facilitation); the client only uses
 * these to shape its UI and to parse what people type.
 */

/**
 * - facilitator: runs the session (phase, locks, timer, votes, moderation, people), edits anything.
 * - participant: edits the boards (unless locked), writes notes, votes. Anonymous residents too.
 * - observer: reads along live; nothing they send is applied or stored.
 */
export const roles = ['facilitator', 'participant', 'observer'] as const
export type Role = (typeof roles)[number]

/**
 * Join codes: read off a projector and typed on a phone, so no characters that look alike
 * (0/O, 1/I/L) and no lower case. 31 symbols ^ 6 = 887 million codes; with the limits on wrong
 * codes a guesser gets nowhere (the arithmetic: docs/facilitation.md).
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const JOIN_CODE_LENGTH = 6

/**
 * What a person typed, as a code, or null when it cannot be one. Case, spaces and dashes do not
 * matter ("abc 234", "ABC-234").
 */
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s\-–.]/g, '')
  if (code.length !== JOIN_CODE_LENGTH) return null
  for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return null
  return code
}

/** "ABC234" -> "ABC 234": easier to read aloud and to copy from a projector. */
export function formatJoinCode(code: string): string {
  return code.length === JOIN_CODE_LENGTH ? `${code.slice(0, 3)} ${code.slice(3)}` : code
}

/** The links a facilitator hands out; each is a full URL whose query carries `token=`. */
export interface WorkshopLinks {
  facilitator: string
  participant: string
  observer: string
}

/** `POST /api/workshops` and `POST /api/workshops/import` answer with this (201). */
export interface CreatedWorkshop {
  id: string
  /** Path of the workshop page, without a token. */
  url: string
  code: string
  links: WorkshopLinks
  /** The facilitator token, for the client that created it. */
  token: string
}

/** `GET /api/workshops/<id>/access` (facilitator only): what the join screen shows. */
export interface WorkshopAccessInfo {
  id: string
  code: string
  links: WorkshopLinks
  /** The address residents type before the code, e.g. `http://host/join`. */
  joinUrl: string
  /** `joinUrl/<code>`: what the QR code holds, so a scan joins without typing. */
  joinCodeUrl: string
}

/**
 * `POST /api/join` with `{ code }`, or `{ workshopId, token }` with the token of any link. A code
 * or the participant link gives a new personal participant token; a facilitator's or observer's
 * token (or a personal one) comes back as it is, with its role: the app asks once per link it opens.
 */
export interface JoinResult {
  workshopId: string
  role: Role
  /** The websocket's `?token=`. A participant's keeps their identity (own notes, dots) across reconnects. */
  token: string
  participantId: string
  title: string
}

/**
 * The header with the join page's random id for its tab: wrong codes are counted per device as well
 * as per address (server/limits/JoinThrottle.ts), so one person's typos do not lock out a venue.
 */
export const JOIN_DEVICE_HEADER = 'x-samskap-device'

/**
 * Why a token was turned away, the same at every route and socket: none given (HTTP 401, socket
 * 4401), one that is not (or no longer) a link of this workshop, e.g. a rotated participant link
 * (403, 4403), or the token of a participant the facilitator removed (403, 4410). HTTP answers
 * carry it as `reason` beside the English `error`; the app explains each in its own words.
 */
export const accessRefusals = ['noToken', 'invalidLink', 'removed'] as const
export type AccessRefusal = (typeof accessRefusals)[number]
