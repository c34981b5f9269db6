import { describe, expect, it } from 'vitest'
import { selectThinnedSnapshots } from './retention'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const now = Date.UTC(2026, 10, 22, 12, 0, 0)

describe('selectThinnedSnapshots', () => {
  it.each([
    { name: 'nothing', entries: [], drop: [] },
    {
      name: 'keeps every automatic snapshot of the last 24 hours',
      entries: [
        { id: 'a', createdAt: now - 5 * 60_000, kind: 'auto' as const },
        { id: 'b', createdAt: now - 10 * 60_000, kind: 'auto' as const },
        { id: 'c', createdAt: now - DAY, kind: 'auto' as const },
      ],
      drop: [],
    },
    {
      name: 'between a day and a week: the newest per hour',
      entries: [
        { id: 'h1', createdAt: now - 2 * DAY + 5 * 60_000, kind: 'auto' as const },
        { id: 'h2', createdAt: now - 2 * DAY + 10 * 60_000, kind: 'auto' as const },
        { id: 'h3', createdAt: now - 2 * DAY + 15 * 60_000, kind: 'auto' as const },
        { id: 'other-hour', createdAt: now - 2 * DAY + HOUR + 5 * 60_000, kind: 'auto' as const },
      ],
      drop: ['h1', 'h2'],
    },
    {
      name: 'older than a week: the newest per day',
      entries: [
        { id: 'd1', createdAt: Date.UTC(2026, 10, 1, 8), kind: 'auto' as const },
        { id: 'd2', createdAt: Date.UTC(2026, 10, 1, 20), kind: 'auto' as const },
        { id: 'd3', createdAt: Date.UTC(2026, 10, 2, 8), kind: 'auto' as const },
      ],
      drop: ['d1'],
    },
    {
      name: 'checkpoints are never dropped, however old or many',
      entries: [
        { id: 'c1', createdAt: Date.UTC(2026, 10, 1, 8), kind: 'checkpoint' as const },
        { id: 'c2', createdAt: Date.UTC(2026, 10, 1, 9), kind: 'checkpoint' as const },
        { id: 'a1', createdAt: Date.UTC(2026, 10, 1, 10), kind: 'auto' as const },
      ],
      drop: [],
    },
  ])('$name', ({ entries, drop }) => {
    expect(selectThinnedSnapshots(entries, now).sort()).toEqual([...drop].sort())
  })

  it('is stable: thinning what it kept drops nothing more', () => {
    const entries = Array.from({ length: 2000 }, (_, i) => ({ id: `e${i}`, createdAt: now - i * 7 * 60_000, kind: 'auto' as const }))
    const dropped = new Set(selectThinnedSnapshots(entries, now))
    const kept = entries.filter((e) => !dropped.has(e.id))
    expect(kept.length).toBeLessThan(entries.length)
    expect(kept.filter((e) => now - e.createdAt <= DAY)).toHaveLength(entries.filter((e) => now - e.createdAt <= DAY).length)
    expect(selectThinnedSnapshots(kept, now)).toEqual([])
  })
})
