import { describe, expect, it } from 'vitest'
import { modes } from './modes'
import { renderResults, type Results } from './report'
import type { MemoryPerNoteResult } from './scenarios/memoryPerNote'

const withHeapPerNote = (heapPerNoteBytes: number): Results => ({
  mode: 'quick',
  serverVersion: 'test',
  startedAt: '2026-12-06',
  loadAverages: [],
  jitter: [],
  scenarios: { m: { samskap: { value: { notes: 5000, heapPerNoteBytes, rssPerNoteBytes: 0, heapMB: [], rssMB: [] } satisfies MemoryPerNoteResult } } },
})

describe('the printed memory target', () => {
  it.each([
    [900, 'MET'],
    [1024, 'MET'],
    [1100, 'NOT MET'],
  ])('is issue 16’s 1 KB per note: %i bytes is %s', (bytes, verdict) => {
    const { table, markdown } = renderResults(withHeapPerNote(bytes), modes.quick)
    expect(markdown).toContain(`| ≤ 1 KB server heap per note (issue 16) | ${bytes} bytes | ${verdict} |`)
    expect(table).toContain(`${verdict.padEnd(12)} ≤ 1 KB server heap per note (issue 16): ${bytes} bytes`)
    expect(markdown).not.toContain('0.5 KB')
  })
})
