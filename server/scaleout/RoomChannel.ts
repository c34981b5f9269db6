/** What a room hears from the other instances serving the same workshop. */
export interface FanoutHandler {
  /** An update another instance has committed as `seq`; the workshop's newest seq before it was `previousSeq`. */
  applyRemoteUpdate(update: Uint8Array, previousSeq: number, seq: number): void
  /** Presence of the clients on instance `instanceId`. */
  applyRemoteAwareness(update: Uint8Array, instanceId: string): void
  /** Another instance loaded the room and wants to know who is here. */
  answerAwarenessQuery(): void
  /** Messages may have been lost (Redis reconnected): read what is missing from the database. */
  catchUp(reason: 'reconnect' | 'gap'): void
  /** Another instance is deleting the workshop: close the sockets with `code` and `reason`, write nothing more. */
  closeRoom(code: number, reason: string): void
}

/** One room's link to the other instances. Messages that arrive before `attach` wait, in order. */
export interface RoomChannel {
  attach(handler: FanoutHandler): void
  /** Only after the update is committed: the others broadcast it without storing it again. */
  publishUpdate(update: Uint8Array, previousSeq: number, seq: number): void
  publishAwareness(update: Uint8Array): void
  queryAwareness(): void
  leave(): void
}

/** Joins workshops' channels; RedisFanout implements it. */
export interface Fanout {
  readonly instanceId: string
  /** Resolves once subscribed, so nothing published after this is missed. */
  join(workshopId: string): Promise<RoomChannel>
  /**
   * Tells every other instance that has the workshop loaded to close its room (`closeRoom`), and
   * resolves once none has it loaded any more (or after a bound, logged): before a deletion, so no
   * instance writes anything of the workshop afterwards.
   */
  closeEverywhere(workshopId: string, code: number, reason: string): Promise<void>
  close(): Promise<void>
}
