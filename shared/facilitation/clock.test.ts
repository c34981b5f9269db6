import { describe, expect, it } from 'vitest'
import { estimateClockOffset } from './clock'

describe('estimateClockOffset', () => {
  it('uses the midpoint of the shortest round trip', () => {
    // The server is 10 s ahead; the second sample had the quickest answer.
    const samples = [
      { clientSent: 0, serverTime: 10_090, clientReceived: 200 },
      { clientSent: 1_000, serverTime: 11_010, clientReceived: 1_020 },
      { clientSent: 2_000, serverTime: 12_300, clientReceived: 2_400 },
    ]
    expect(estimateClockOffset(samples)).toEqual({ offsetMs: 10_000, roundTripMs: 20 })
  })

  it('handles a server behind the client', () => {
    expect(estimateClockOffset([{ clientSent: 50_000, serverTime: 20_005, clientReceived: 50_010 }])).toEqual({ offsetMs: -30_000, roundTripMs: 10 })
  })

  it('skips samples whose clock went backwards, and has nothing without samples', () => {
    expect(estimateClockOffset([{ clientSent: 100, serverTime: 5, clientReceived: 50 }])).toBeNull()
    expect(estimateClockOffset([])).toBeNull()
  })
})
