import { describe, expect, it } from 'vitest'
import { memoryCounters } from './Counters'
import { EraseBudget } from './EraseBudget'

const budget = () => new EraseBudget(memoryCounters(), { ownErasesPerPersonPerHour: 2, ownErasesPerAddressPerHour: 3 })
const granted = (answer: { retryAfterSeconds: number } | null) => answer === null

describe('EraseBudget', () => {
  it('a new identity from the same address gets no new budget', async () => {
    const erases = budget()
    // Kari erases twice, her budget is spent; she reconnects through the shared link as someone new.
    expect(granted(await erases.take('w1', 'kari', '198.51.100.7'))).toBe(true)
    expect(granted(await erases.take('w1', 'kari', '198.51.100.7'))).toBe(true)
    expect(await erases.take('w1', 'kari', '198.51.100.7')).toMatchObject({ retryAfterSeconds: expect.any(Number) })
    expect(granted(await erases.take('w1', 'kari-again', '198.51.100.7'))).toBe(true)
    // The address's third was the last: every new identity from there is refused.
    for (const who of ['kari-again', 'kari-3', 'kari-4']) expect(granted(await erases.take('w1', who, '198.51.100.7'))).toBe(false)
  })

  it('one person’s erasures spend nobody else’s personal budget, and other addresses and workshops are their own', async () => {
    const erases = budget()
    expect(granted(await erases.take('w1', 'kari', '198.51.100.7'))).toBe(true)
    expect(granted(await erases.take('w1', 'kari', '198.51.100.7'))).toBe(true)
    // Refused by her own budget: the address's is not touched.
    for (let i = 0; i < 5; i++) expect(granted(await erases.take('w1', 'kari', '198.51.100.7'))).toBe(false)
    expect(granted(await erases.take('w1', 'ola', '198.51.100.7'))).toBe(true)
    expect(granted(await erases.take('w1', 'per', '203.0.113.9'))).toBe(true)
    expect(granted(await erases.take('w1', 'per', '203.0.113.9'))).toBe(true)
    expect(granted(await erases.take('w2', 'kari', '198.51.100.7'))).toBe(true)
  })

  it('a person the address refuses keeps their own budget for another address', async () => {
    const erases = budget()
    for (const who of ['a', 'b', 'c']) expect(granted(await erases.take('w1', who, '198.51.100.7'))).toBe(true)
    // Ola at the spent venue address is refused, twice; on his phone's mobile address he still has both of his.
    expect(granted(await erases.take('w1', 'ola', '198.51.100.7'))).toBe(false)
    expect(granted(await erases.take('w1', 'ola', '198.51.100.7'))).toBe(false)
    expect(granted(await erases.take('w1', 'ola', '203.0.113.9'))).toBe(true)
    expect(granted(await erases.take('w1', 'ola', '203.0.113.9'))).toBe(true)
  })
})
