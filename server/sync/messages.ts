/**
 * Message types of the y-websocket protocol, as the stock `WebsocketProvider` and the reference
 * server (y-websocket-server `utils.js`) number them.
 */
export const messageSync = 0
export const messageAwareness = 1
export const messageQueryAwareness = 3

/** A peer sent bytes that do not decode as the protocol; that peer is closed with 4400. */
export class MalformedMessageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MalformedMessageError'
  }
}
