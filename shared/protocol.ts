/** Constants both sides of the sync connection agree on: the path, sizes, message types and close codes. */

/** Websocket path prefix: `/sync/<workshopId>`, as a stock y-websocket provider builds it. */
export const SYNC_PATH = '/sync'

/**
 * Largest message the server accepts by default (SYNC_MAX_MESSAGE_BYTES changes it); a bigger one
 * closes that connection with `MessageTooLarge`.
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024

/** Workshop ids are random and unguessable: 21 nanoid characters. */
export const WORKSHOP_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

/*
 * Websocket message types: the first varuint of every binary message. 0–3 are y-websocket's, numbered
 * as the stock `WebsocketProvider` and the reference server (y-websocket-server `utils.js`) do; 100 is ours.
 */
export const messageSync = 0
export const messageAwareness = 1
/** y-protocols/auth: the permission-denied message a stock client logs when its update is refused. */
export const messageAuth = 2
export const messageQueryAwareness = 3
/**
 * The control channel beside the Yjs sync (shared/facilitation/commands.ts): a JSON string. Only
 * clients that connect with `?control=1` are sent control messages.
 */
export const messageControl = 100

/**
 * Close codes in the 4000–4999 range the websocket spec leaves to applications. 44xx: the peer did
 * something wrong and should not retry as is; 45xx: the server failed.
 */
export const CloseCode = {
  MalformedMessage: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  WorkshopNotFound: 4404,
  /**
   * The client wrote under a Yjs client id that belongs to someone else (docs/schema.md, "Who may
   * write what"): its update was refused whole, and its later ones would build on it. A reload
   * gives the page a new id.
   */
  ClientIdTaken: 4409,
  /** The facilitator removed this participant: their token is refused from then on (HTTP's 410 Gone). */
  Removed: 4410,
  MessageTooLarge: 4413,
  /** Client's schema is older than the document's: reload to get the new client. */
  ClientTooOld: 4426,
  /** Client's schema is newer than the server's: the server is being upgraded; reload later. */
  ClientTooNew: 4427,
  /** A participant or observer connected without `?schema=`: every client but a facilitator's tool must say what it writes. */
  SchemaMissing: 4428,
  /** The connection sent more than its budget per minute (server/limits); reconnect after a minute. */
  RateLimited: 4429,
  /** Too many connections from the client's address (a venue's Wi-Fi shares one); try again later. */
  TooManyConnections: 4430,
  ServerError: 4500,
  ServerShuttingDown: 4503,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/**
 * Whether reconnecting as is cannot succeed after this close code, so the client stops and tells the
 * user: every 44xx (the peer was refused or misbehaved: a token, a removal, a schema, a malformed or
 * too large message). 45xx (the server failed or restarts) and the websocket's own codes are retried.
 */
export function isTerminalCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500
}
