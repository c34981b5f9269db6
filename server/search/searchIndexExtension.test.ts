import pino from 'pino'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps, initializeWorkshop } from '../../shared/doc/workshopDoc'
import type { Room } from '../sync/Room'
import type { ExtensionTools, RoomExtension } from '../sync/RoomExtension'
import type { SearchIndex } from './SearchIndex'
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
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('searchIndexExtension', () => {
  it('runs passes that fall due together one workshop per event-loop turn', async () => {
    const { index, written, stop } = turnRecordingIndex()
    const factory = searchIndexExtension({ index, log, delayMs: 20 })
    const extensions: RoomExtension[] = []
    // Loaded in one turn: their timers fire in one timers phase.
    for (const id of ['w1', 'w2', 'w3', 'w4', 'w5']) extensions.push((await factory(workshopRoom(id), {} as ExtensionTools)) as RoomExtension)
    await until(() => written.length === 5)
    expect(written.map((entry) => entry.workshopId).sort()).toEqual(['w1', 'w2', 'w3', 'w4', 'w5'])
    expect(new Set(written.map((entry) => entry.turn)).size).toBe(5)
    for (const extension of extensions) extension.onDestroy?.()
    stop()
  })

  it('indexes at unload a pass that was waiting for its turn', async () => {
    const { index, written, stop } = turnRecordingIndex()
    const factory = searchIndexExtension({ index, log, delayMs: 0 })
    const rooms = ['u1', 'u2', 'u3'].map(workshopRoom)
    const extensions: RoomExtension[] = []
    for (const room of rooms) extensions.push((await factory(room, {} as ExtensionTools)) as RoomExtension)
    // A timer set after theirs fires in the same timers phase: all three are due, none has had its turn.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(written).toEqual([])
    const last = extensions[2]!
    await last.beforeUnload?.()
    expect(written.map((entry) => entry.workshopId)).toContain('u3')
    last.onDestroy?.()
    await until(() => written.length === 3)
    for (const extension of extensions) extension.onDestroy?.()
    stop()
    expect(written.map((entry) => entry.workshopId).sort()).toEqual(['u1', 'u2', 'u3'])
  })
})
