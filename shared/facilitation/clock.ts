/**
 * The offset between this device's clock and the server's, from round trips: the client notes when
 * it sent a ping and when the answer came, the server says what its clock read. Assuming the answer
 * was read halfway, offset = serverTime - midpoint. The sample with the shortest round trip has the
 * smallest error (at most half its round trip), so that one wins.
 */
export interface ClockSample {
  clientSent: number
  serverTime: number
  clientReceived: number
}

export interface ClockOffset {
  /** Add to the local clock to get the server's. */
  offsetMs: number
  /** The round trip of the sample used; the offset is right to within half of it. */
  roundTripMs: number
}

export function estimateClockOffset(samples: readonly ClockSample[]): ClockOffset | null {
  let best: ClockOffset | null = null
  for (const sample of samples) {
    const roundTripMs = sample.clientReceived - sample.clientSent
    if (!(roundTripMs >= 0) || !Number.isFinite(sample.serverTime)) continue
    if (best && best.roundTripMs <= roundTripMs) continue
    best = { offsetMs: sample.serverTime - (sample.clientSent + roundTripMs / 2), roundTripMs }
  }
  return best
}
