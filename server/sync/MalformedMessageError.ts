/** A peer sent bytes that do not decode as the protocol; that peer is closed with 4400. */
export class MalformedMessageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MalformedMessageError'
  }
}
