import type { DialogueConfig } from './scenarios/dialogue'
import type { RateScenarioConfig } from './scenarios/rateSteps'

/** Sizes and durations of one run; quick mode runs every scenario once with fewer, shorter steps. */
export interface Mode {
  name: 'quick' | 'full'
  a: RateScenarioConfig
  b: RateScenarioConfig
  c: RateScenarioConfig
  /** Cross-instance: writers on instance A, the probe on instance B (PostgreSQL + Redis). */
  x: RateScenarioConfig
  /** A room of 1,000 (issue 16): phones writing now and then, canvas users moving cursors. */
  r: RateScenarioConfig
  coldJoinNotes: number
  coldJoins: number
  churnRooms: number
  reconnectRooms: number
  reconnectPerRoom: number
  sigkillUpdates: number
  memoryBlocks: number
  /** (v) a citizen dialogue: residents join by code, write privately, see the reveal, vote. */
  dialogue: DialogueConfig
}

const doubling = [25, 50, 100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600]
const fine = [25, 50, 100, 200, 400, 800, 1200, 1600, 2400, 3200, 4800, 6400, 9600, 12800, 19200, 25600]

export const modes: Record<Mode['name'], Mode> = {
  quick: {
    name: 'quick',
    a: { rooms: 1, sendersPerRoom: 300, cursorsPerRoom: 30, cursorHz: 10, measure: 'notes', rates: doubling, stepSeconds: 2, drainMs: 1000 },
    b: { rooms: 100, sendersPerRoom: 9, cursorsPerRoom: 0, cursorHz: 0, measure: 'notes', rates: doubling, stepSeconds: 2, drainMs: 1000 },
    c: { rooms: 1, sendersPerRoom: 99, cursorsPerRoom: 0, cursorHz: 0, measure: 'awareness', rates: doubling, stepSeconds: 2, drainMs: 1000 },
    x: { rooms: 1, sendersPerRoom: 30, cursorsPerRoom: 0, cursorHz: 0, measure: 'notes', rates: [50, 200], stepSeconds: 3, drainMs: 2000, p99LimitMs: 100 },
    r: { rooms: 1, sendersPerRoom: 1000, cursorsPerRoom: 50, cursorHz: 10, measure: 'notes', rates: [25, 50, 100], stepSeconds: 3, drainMs: 2000, p99LimitMs: 100 },
    coldJoinNotes: 10_000,
    coldJoins: 3,
    churnRooms: 2_000,
    reconnectRooms: 100,
    reconnectPerRoom: 10,
    sigkillUpdates: 300,
    memoryBlocks: 5,
    dialogue: { residents: 100, notesEach: 3, dotsEach: 5 },
  },
  full: {
    name: 'full',
    a: { rooms: 1, sendersPerRoom: 300, cursorsPerRoom: 30, cursorHz: 10, measure: 'notes', rates: fine, stepSeconds: 6, drainMs: 2000 },
    b: { rooms: 100, sendersPerRoom: 9, cursorsPerRoom: 0, cursorHz: 0, measure: 'notes', rates: fine, stepSeconds: 6, drainMs: 2000 },
    c: { rooms: 1, sendersPerRoom: 99, cursorsPerRoom: 0, cursorHz: 0, measure: 'awareness', rates: fine, stepSeconds: 6, drainMs: 2000 },
    x: { rooms: 1, sendersPerRoom: 30, cursorsPerRoom: 0, cursorHz: 0, measure: 'notes', rates: [50, 200, 800, 1600], stepSeconds: 6, drainMs: 2000, p99LimitMs: 100 },
    r: { rooms: 1, sendersPerRoom: 1000, cursorsPerRoom: 50, cursorHz: 10, measure: 'notes', rates: [25, 50, 100, 200, 400], stepSeconds: 6, drainMs: 2000, p99LimitMs: 100 },
    coldJoinNotes: 10_000,
    coldJoins: 5,
    churnRooms: 10_000,
    reconnectRooms: 100,
    reconnectPerRoom: 10,
    sigkillUpdates: 300,
    memoryBlocks: 10,
    dialogue: { residents: 300, notesEach: 3, dotsEach: 5 },
  },
}
