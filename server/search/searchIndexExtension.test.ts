import pino from 'pino'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps, initializeWorkshop } from '../../shared/doc/workshopDoc'
import type { Room } from '../sync/Room'
import type { ExtensionTools, RoomExtension } from '../sync/RoomExtension'
import type { IndexChange, SearchIndex } from './SearchIndex'
import type { SearchEntry } from '../../shared/followup/searchEntries'
import { searchIndexExtension } from './searchIndexExtension'

const log = pino({ level: 'silent' })

/**
 * An index that notes in which turn of the event loop each workshop was written: a ticker counts
 * the loop's check phases, so two writes with the same count had no poll for I/O between them.
 */
function turnRecordingIndex() {
  const written: { workshopId: string; turn: number }[] = []
  let turn = 0
  let ticker: NodeJS.Immediate = setImmediate(function tick() {
    turn++
    ticker = setImmediate(tick)
  })
  const write = async (workshopId: string): Promise<void> => {
    written.push({ workshopId, turn })
  }
  const index = {
    replaceWorkshop: (workshopId: string) => write(workshopId),
    updateWorkshop: (workshopId: string) => write(workshopId),
    indexedVersion: async () => null,
    removeWorkshop: async () => undefined,
    indexedWorkshopIds: async () => new Set<string>(),
    search: async () => [],
    close: async () => undefined,
  } satisfies SearchIndex
  return { index, written, stop: () => clearImmediate(ticker) }
}

/** An index that keeps every write it is asked for. */
function changeRecordingIndex() {
  const writes: { whole: boolean; upsert: SearchEntry[]; remove: readonly string[] }[] = []
  const index = {
    replaceWorkshop: async (_w: string, _l: string, entries: readonly SearchEntry[]) => void writes.push({ whole: true, upsert: [...entries], remove: [] }),
    updateWorkshop: async (_w: string, _l: string, change: IndexChange) => void writes.push({ whole: false, upsert: [...change.upsert], remove: change.remove }),
    indexedVersion: async () => null,
    removeWorkshop: async () => undefined,
    indexedWorkshopIds: async () => new Set<string>(),
    search: async () => [],
    close: async () => undefined,
  } satisfies SearchIndex
  return { index, writes }
}

function workshopRoom(workshopId: string): Room {
  const doc = new Y.Doc()
  initializeWorkshop(doc, {
    meta: { title: workshopId, language: 'nb', createdAt: 1 },
    firstBoard: { id: 'b1', title: 'Tavle 1', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' },
  })
  const { items } = getWorkshopMaps(doc)
  items.set('n1', createRecordMap({ id: 'n1', kind: 'note', boardId: 'b1', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: 'Benker langs elva', createdAt: 1, sdgs: [], dimension: '' }))
  return { workshopId, doc } as unknown as Room
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}

describe('searchIndexExtension', () => {
  it('runs passes that fall due together one workshop per event-loop turn', async () => {
    const { index, written, stop } = turnRecordingIndex()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const factory = searchIndexExtension({ index, log, delayMs: 20 })
      const extensions: RoomExtension[] = []
      for (const id of ['w1', 'w2', 'w3', 'w4', 'w5']) extensions.push((await factory(workshopRoom(id), {} as ExtensionTools)) as RoomExtension)
      // Loaded together: their timers fire in one timers phase.
      vi.advanceTimersByTime(20)
      await until(() => written.length === 5)
      expect(written.map((entry) => entry.workshopId).sort()).toEqual(['w1', 'w2', 'w3', 'w4', 'w5'])
      expect(new Set(written.map((entry) => entry.turn)).size).toBe(5)
      for (const extension of extensions) extension.onDestroy?.()
    } finally {
      vi.useRealTimers()
      stop()
    }
  })

  it('indexes at unload a pass that was waiting for its turn', async () => {
    const { index, written, stop } = turnRecordingIndex()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const factory = searchIndexExtension({ index, log, delayMs: 10 })
      const extensions: RoomExtension[] = []
      for (const room of ['u1', 'u2', 'u3'].map(workshopRoom)) extensions.push((await factory(room, {} as ExtensionTools)) as RoomExtension)
      // Their timers fire together: all three are due, none has had its turn yet.
      vi.advanceTimersByTime(10)
      expect(written).toEqual([])
      const last = extensions[2]!
      await last.beforeUnload?.()
      expect(written.map((entry) => entry.workshopId)).toContain('u3')
      last.onDestroy?.()
      await until(() => written.length === 3)
      for (const extension of extensions) extension.onDestroy?.()
      expect(written.map((entry) => entry.workshopId).sort()).toEqual(['u1', 'u2', 'u3'])
    } finally {
      vi.useRealTimers()
      stop()
    }
  })

  it('reads only the items changed since the last pass, and the whole workshop when a name others carry changed', async () => {
    const { index, writes } = changeRecordingIndex()
    const room = workshopRoom('w1')
    const { items, boards } = getWorkshopMaps(room.doc)
    room.doc.transact(() => {
      for (let i = 2; i <= 40; i++) items.set(`n${i}`, createRecordMap({ id: `n${i}`, kind: 'note', boardId: 'b1', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: `Notat ${i}`, createdAt: 1, sdgs: [], dimension: '' }))
      items.set('st1', createRecordMap({ id: 'st1', kind: 'stakeholder', boardId: 'b1', groupId: '', name: 'Idrettslaget', influence: 3, interest: 5, contactPerson: '', message: '', channel: '', frequency: '', x: 0, y: 0, levelNow: 2, levelWanted: 5, origin: null, createdAt: 1, sdgs: [], dimension: '' }))
      items.set('co1', createRecordMap({ id: 'co1', kind: 'collaboration', boardId: 'b1', stakeholderId: 'st1', goals: 'Felles hall', rolesAndResponsibility: '', funding: '', expectedResults: '', indicators: '', platforms: '', createdAt: 1 }))
    })
    const extension = (await searchIndexExtension({ index, log, delayMs: 0 })(room, {} as ExtensionTools)) as RoomExtension
    await until(() => writes.length === 1)
    expect(writes[0]!.whole).toBe(true)
    expect(writes[0]!.upsert.map((entry) => entry.recordId)).toContain('co1')

    const reads = vi.spyOn(Y.Map.prototype, 'toJSON')
    room.doc.transact(() => {
      items.get('n7')!.set('text', 'Benker ved elva')
      items.delete('n8')
      boards.get('b1')!.get('title')
    })
    extension.afterCommit?.({ update: new Uint8Array(), local: true })
    await until(() => writes.length === 2)
    // The two items and the one board, not the 42 items.
    expect(reads.mock.calls.length).toBeLessThanOrEqual(3)
    reads.mockRestore()
    expect(writes[1]).toEqual({ whole: false, upsert: [expect.objectContaining({ recordId: 'n7', title: 'Benker ved elva' })], remove: ['n8'] })

    // A stakeholder's new name is in its collaboration's entry: read whole.
    items.get('st1')!.set('name', 'Fotballgruppa')
    extension.afterCommit?.({ update: new Uint8Array(), local: true })
    await until(() => writes.length === 3)
    expect(writes[2]!.upsert.map((entry) => [entry.recordId, entry.title]).sort()).toEqual([['co1', 'Fotballgruppa'], ['st1', 'Fotballgruppa']])
    extension.onDestroy?.()
  })
})
