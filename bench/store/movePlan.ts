import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import type * as Y from 'yjs'
import { LocalOrigin, WorkshopStore } from '../../client/src/store/WorkshopStore'
import { planMoveItems, type CanvasItem } from '../../shared/logic/canvasItems'
import type { NoteRecord } from '../../shared/schema/records/note'

// How long the client store takes to apply a move of 1,000 notes, and that it is one transaction
// (one update, one undo step). Run by hand: `npx tsx bench/store/movePlan.ts`. No server is
// needed: the store keeps trying to connect to a closed port while the edits apply locally.

const COUNT = 1000
const ROUNDS = 50

const store = new WorkshopStore({
  workshopId: 'bench-move-plan',
  serverUrl: 'ws://127.0.0.1:9/sync',
  userName: 'bench',
  token: null,
  persistLocally: false,
  WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
})
const doc = (store as unknown as { doc: Y.Doc }).doc
const boardId = 'b1'
const notes: NoteRecord[] = Array.from({ length: COUNT }, (_, i) => ({
  id: `n${i}`, kind: 'note', boardId, x: (i % 40) * 220, y: Math.floor(i / 40) * 220, w: 200, h: 200,
  color: 'yellow', text: `note ${i}`, createdAt: i, sdgs: [], dimension: '',
}))
store.applyPlan({
  createBoards: [{ id: boardId, title: 'Bench', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' }],
  createItems: notes,
})
store.stopCapturing() // the setup is not part of the moves' undo steps

let transactions = 0
// One local update per move is one transaction written and one message sent.
doc.on('update', (_update: Uint8Array, origin: unknown) => {
  if (origin === LocalOrigin) transactions++
})

function measure(label: string, move: (round: number) => void): void {
  const times: number[] = []
  const cpu: number[] = []
  transactions = 0
  for (let round = 1; round <= ROUNDS; round++) {
    store.stopCapturing()
    const start = performance.now()
    const startCpu = process.cpuUsage()
    move(round)
    const used = process.cpuUsage(startCpu)
    times.push(performance.now() - start)
    cpu.push((used.user + used.system) / 1000)
  }
  times.sort((a, b) => a - b)
  cpu.sort((a, b) => a - b)
  const ids = store.getItemIds(boardId)
  const moved = ids.every((id) => store.getNote(id)!.x === notes[Number(id.slice(1))]!.x + ROUNDS * 10)
  console.log(
    `${label}: wall median ${times[Math.floor(ROUNDS / 2)]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)});` +
      ` CPU median ${cpu[Math.floor(ROUNDS / 2)]!.toFixed(1)} ms (min ${cpu[0]!.toFixed(1)});` +
      ` ${transactions / ROUNDS} local update(s) per move; all ${ids.length} moved: ${moved}`,
  )
  for (let round = 0; round < ROUNDS; round++) store.undo()
}

// Warm up the JIT once, then undo it.
store.moveItems(store.getItemIds(boardId).map((id) => ({ id, x: store.getNote(id)!.x + 1, y: store.getNote(id)!.y })))
store.stopCapturing()
store.undo()

measure('moveItems (1,000 position patches)', () => {
  store.moveItems(store.getItemIds(boardId).map((id) => ({ id, x: store.getNote(id)!.x + 10, y: store.getNote(id)!.y })))
})
measure('applyPlan(planMoveItems) (the canvas drag)', () => {
  const items = store.getItemsOfKind(boardId, 'note') as readonly CanvasItem[]
  store.applyPlan(planMoveItems(items, new Set(store.getItemIds(boardId)), 10, 0))
})
console.log(`after undoing ${ROUNDS} steps per label: back where it started: ${store.getItemIds(boardId).every((id) => store.getNote(id)!.x === notes[Number(id.slice(1))]!.x)}`)
store.destroy()
process.exit(0)
