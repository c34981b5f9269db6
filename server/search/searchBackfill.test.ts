import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { board, card, workshop } from '../../shared/followup/testWorkshops'
import type { SearchEntry } from '../../shared/followup/searchEntries'
import type { AccessRow } from '../persistence/Persistence'
import { buildWorkshopState } from '../http/createStoredWorkshop'
import { startSearchBackfill } from './searchBackfill'
import type { SearchIndex } from './SearchIndex'

const log = pino({ level: 'silent' })

/** Stored workshops `w00`…: each a challenge board with one card naming its workshop. */
function storage(count: number) {
  const ids = Array.from({ length: count }, (_, i) => `w${String(i).padStart(2, '0')}`)
  const states = new Map(ids.map((id) => [id, buildWorkshopState(workshop(`Møte ${id}`, [board('cb', 'challengeBoard')], [card(`c-${id}`, 'cb', 'challenge', 'a0', { text: `Utfordring i ${id}` })]))]))
  const reads: string[] = []
  return {
    reads,
    persistence: {
      listAccessRows: async () => ids.map((workshopId) => ({ workshopId }) as AccessRow),
      loadDocument: async (id: string) => {
        reads.push(id)
        if (id === 'w03') throw new Error('unreadable')
        return { snapshot: states.get(id)!, updates: [], lastSeq: 1 }
      },
    },
  }
}

function memoryIndex(already: string[]) {
  const written = new Map<string, SearchEntry[]>(already.map((id) => [id, []]))
  const index: Pick<SearchIndex, 'indexedWorkshopIds' | 'replaceWorkshop'> = {
    indexedWorkshopIds: async () => new Set(written.keys()),
    replaceWorkshop: async (id, _language, entries) => void written.set(id, [...entries]),
  }
  return { written, index: index as SearchIndex }
}

describe('startSearchBackfill', () => {
  it('indexes every stored workshop without entries, in batches, leaving loaded and indexed ones and logging an unreadable one', async () => {
    const { persistence, reads } = storage(25)
    const { written, index } = memoryIndex(['w01'])
    const backfill = startSearchBackfill({ index, persistence, loadedWorkshopIds: () => ['w02'], log, batchSize: 4, pauseMs: 0 })
    expect(await backfill.done).toBe(22)
    expect(reads).not.toContain('w01')
    expect(reads).not.toContain('w02')
    expect(written.has('w03')).toBe(false)
    expect(written.get('w24')?.map((e) => e.title).sort()).toEqual(['Møte w24', 'Utfordring i w24', 'cb'])
  })

  it('does nothing when everything is indexed, and stops between workshops when asked', async () => {
    const all = storage(3)
    expect(await startSearchBackfill({ index: memoryIndex(['w00', 'w01', 'w02']).index, persistence: all.persistence, loadedWorkshopIds: () => [], log }).done).toBe(0)
    expect(all.reads).toEqual([])

    const many = storage(30)
    const backfill = startSearchBackfill({ index: memoryIndex([]).index, persistence: many.persistence, loadedWorkshopIds: () => [], log, batchSize: 5, pauseMs: 60_000 })
    // The first batch is read, then the pause: stopping ends it there, without waiting out the pause.
    const indexed = await backfill.stop()
    expect(indexed).toBeLessThanOrEqual(5)
    expect(many.reads.length).toBeLessThanOrEqual(5)
  })
})
