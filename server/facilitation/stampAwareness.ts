import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Role } from '../../shared/access'

/** Who the server says a presence state belongs to; clients show it and cannot forge it. */
export interface StampedAccess {
  role: Role
  participantId: string
}

/**
 * Rewrites a y-protocols awareness update (count, then per client: id, clock, JSON state): each
 * state gets `access` (what a client claims there is replaced), a state that is not an object
 * becomes null (the client left), and states for client ids `ownedByOther` says another socket has
 * announced are dropped, so nobody can pose as someone else in the people list the facilitator
 * removes people from. Throws on bytes that are not an awareness update.
 */
export function stampAwareness(update: Uint8Array, access: StampedAccess, ownedByOther: (clientId: number) => boolean): Uint8Array {
  const decoder = decoding.createDecoder(update)
  const entries: { clientId: number; clock: number; state: string }[] = []
  const count = decoding.readVarUint(decoder)
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const raw = decoding.readVarString(decoder)
    if (ownedByOther(clientId)) continue
    const state: unknown = JSON.parse(raw)
    const stamped = typeof state === 'object' && state !== null && !Array.isArray(state) ? JSON.stringify({ ...state, access }) : 'null'
    entries.push({ clientId, clock, state: stamped })
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.state)
  }
  return encoding.toUint8Array(encoder)
}
