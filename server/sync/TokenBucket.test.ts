import { describe, expect, it } from 'vitest'
import { TokenBucket } from './TokenBucket'

describe('TokenBucket', () => {
  it('gives up to its capacity at once, then refuses what is not left without taking anything', () => {
    const bucket = new TokenBucket(100, 60_000, 0)
    expect(bucket.take(60, 0)).toBe(true)
    expect(bucket.take(50, 0)).toBe(false)
    expect(bucket.level(0)).toBe(40)
    expect(bucket.take(40, 0)).toBe(true)
    expect(bucket.take(1, 0)).toBe(false)
  })

  it('refills its capacity over one period, continuously, and never beyond it', () => {
    const bucket = new TokenBucket(100, 60_000, 0)
    bucket.take(100, 0)
    expect(bucket.level(15_000)).toBe(25)
    expect(bucket.take(30, 15_000)).toBe(false)
    expect(bucket.take(25, 15_000)).toBe(true)
    expect(bucket.isFull(60_000)).toBe(false)
    expect(bucket.isFull(75_000)).toBe(true)
    expect(bucket.level(10 * 60_000)).toBe(100)
  })

  it('does not refill when the clock goes back', () => {
    const bucket = new TokenBucket(10, 1000, 5000)
    bucket.take(10, 5000)
    expect(bucket.level(4000)).toBe(0)
    expect(bucket.level(5500)).toBe(5)
  })
})
