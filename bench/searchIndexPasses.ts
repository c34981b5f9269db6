/**
 * The search index's passes for many busy rooms at once, in one process, CPU time (robust on a
 * loaded machine): 100 workshops of `notes` notes are indexed, then `rounds` times each gets
 * `fresh` new notes and as many edits and its pass runs (the extension's own timer, delay 0).
 * Prints the CPU per round of passes and the most CPU one event-loop turn took. Run it with another
 * checkout's server/ to compare (a copy in that checkout):
 *
 *   taskset -c 0 node --import tsx bench/searchIndexPasses.ts [rooms 100] [notes 65] [fresh 32] [rounds 4]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps, initializeWorkshop } from '../shared/doc/workshopDoc'
import type { IndexChange } from '../server/search/SearchIndex'
import { searchIndexExtension } from '../server/search/searchIndexExtension'
import { SqliteSearchIndex } from '../server/search/SqliteSearchIndex'
import type { Room } from '../server/sync/Room'
import type { ExtensionTools, RoomExtension } from '../server/sync/RoomExtension'
import type { SearchEntry } from '../shared/followup/searchEntries'

const [rooms, notes, fresh, rounds] = [100, 65, 32, 4].map((fallback, i) => Number(process.argv[2 + i] ?? fallback)) as [number, number, number, number]
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-passes-'))
const sqlite = new SqliteSearchIndex(dir)
let writes = 0
const index = Object.assign(Object.create(sqlite) as SqliteSearchIndex, {
  replaceWorkshop: (w: string, l: string, e: readonly SearchEntry[], v?: string) => sqlite.replaceWorkshop(w, l, e, v).then(() => void writes++),
  updateWorkshop: (w: string, l: string, c: IndexChange, v?: string) => sqlite.updateWorkshop(w, l, c, v).then(() => void writes++),
  indexedVersion: (w: string) => sqlite.indexedVersion(w),
})
let n = 0
function addNotes(doc: Y.Doc, count: number): void {
  const { items } = getWorkshopMaps(doc)
  for (let i = 0; i < count; i++) {
    const id = `n${n++}`
    doc.transact(() => items.set(id, createRecordMap({ id, kind: 'note', boardId: 'b1', x: 1, y: 2, w: 160, h: 160, color: 'yellow', text: `Bedre belysning på gangveien til skolen (#${n})`, createdAt: 1, sdgs: [], dimension: '' })))
  }
}
function editNotes(doc: Y.Doc, count: number): void {
  const { items } = getWorkshopMaps(doc)
  const ids = [...items.keys()]
  for (let i = 0; i < count; i++) doc.transact(() => items.get(ids[(i * 7) % ids.length]!)!.set('text', `Endret ${n++}`))
}
const docs: Y.Doc[] = []
const extensions: RoomExtension[] = []
const factory = searchIndexExtension({ index, log: pino({ level: 'silent' }), delayMs: 0 })
for (let r = 0; r < rooms; r++) {
  const doc = new Y.Doc()
  initializeWorkshop(doc, { meta: { title: `W${r}`, language: 'nb', createdAt: 1 }, firstBoard: { id: 'b1', title: 'Tavle 1', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' } })
  addNotes(doc, notes)
  docs.push(doc)
  extensions.push((await factory({ workshopId: `w${r}`, doc } as unknown as Room, {} as ExtensionTools)) as RoomExtension)
}
/** The most CPU one turn took: a ticker measures the CPU between two check phases. */
let longestTurnMs = 0
let last = process.cpuUsage()
let ticking = true
setImmediate(function tick() {
  const now = process.cpuUsage()
  longestTurnMs = Math.max(longestTurnMs, (now.user - last.user + now.system - last.system) / 1000)
  last = now
  if (ticking) setImmediate(tick)
})
async function round(label: string, expected: number): Promise<void> {
  const started = process.cpuUsage()
  longestTurnMs = 0
  last = started
  while (writes < expected) await new Promise((resolve) => setImmediate(resolve))
  const cpu = process.cpuUsage(started)
  console.log(`${label}: ${rooms} passes, CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, longest turn ${longestTurnMs.toFixed(1)} ms CPU`)
}
await round(`first (${notes} notes each)`, rooms)
for (let k = 1; k <= rounds; k++) {
  for (const doc of docs) {
    addNotes(doc, fresh)
    editNotes(doc, fresh)
  }
  // The rooms' commits: each schedules its pass (delay 0), all in this turn.
  for (const extension of extensions) extension.afterCommit?.({ update: new Uint8Array(), local: true })
  await round(`round ${k} (+${fresh} notes, ${fresh} edits each; ${notes + k * fresh} notes)`, rooms * (k + 1))
}
ticking = false
for (const extension of extensions) extension.onDestroy?.()
await sqlite.close()
fs.rmSync(dir, { recursive: true })
