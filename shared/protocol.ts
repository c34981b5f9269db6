/** Constants both sides of the sync connection agree on. */

/** Websocket path prefix: `/sync/<workshopId>`, as a stock y-websocket provider builds it. */
export const SYNC_PATH = '/sync'

/** Largest message the server accepts; a bigger one closes that connection with `MessageTooLarge`. */
export const MAX_MESSAGE_BYTES = 1024 * 1024

/** Workshop ids are random and unguessable: 21 nanoid characters. */
export const WORKSHOP_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

/**
 * Close codes in the 4000–4999 range the websocket spec leaves to applications. 44xx: the peer did
 * something wrong and should not retry as is; 45xx: the server failed.
 */
export const CloseCode = {
  MalformedMessage: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  WorkshopNotFound: 4404,
  MessageTooLarge: 4413,
  /** Client's schema is older than the document's: reload to get the new client. */
  ClientTooOld: 4426,
  /** Client's schema is newer than the server's: the server is being upgraded; reload later. */
  ClientTooNew: 4427,
  ServerError: 4500,
  ServerShuttingDown: 4503,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Close codes after which reconnecting as is cannot succeed; the client stops and tells the user. */
export const terminalCloseCodes: ReadonlySet<number> = new Set([
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.WorkshopNotFound,
  CloseCode.ClientTooOld,
  CloseCode.ClientTooNew,
])
