/**
 * What the server's trust checks cost per client update, in µs, on a workshop of 10,000 notes
 * (printed, never asserted): `npx tsx bench/trustChecks.ts`.
 *
 * Each round makes N one-field edits on a participant's copy of the document (a note's text) and
 * applies them to the room's document: plainly (Yjs alone), through UndoableApply without checks,
 * with the authorship check and the record validation (what the room does for an update that
 * stands; the two checks alone beside it), the same after one refused update was undone (each update is then
 * looked at for writes to carry onto the undo's copies: ForwardOntoCopies), and refused (applied, undone,
 * garbage-collected and stored without content).
 */
import { pino } from 'pino'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps } from '../shared/doc/workshopDoc'
import type { NoteRecord } from '../shared/schema/records/note'
import { SyncConnection } from '../server/sync/SyncConnection'
import { UndoableApply } from '../server/sync/UndoableApply'
import { Authorship } from '../server/trust/Authorship'
import { invalidRecordIn } from '../server/trust/RecordValidity'

const NOTES = 10_000
const EDITS = 2_000
const ROUNDS = 5

const note = (id: string, text: string): NoteRecord => ({
  id, kind: 'note', boardId: 'board', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '',
})

function workshop(): Y.Doc {
  const doc = new Y.Doc()
  const { items } = getWorkshopMaps(doc)
  doc.transact(() => {
    for (let i = 0; i < NOTES; i++) items.set(`n${i}`, createRecordMap(note(`n${i}`, `Notat nummer ${i}`)))
  })
  return doc
}

/** N updates of one participant, each changing one note's text, made on a copy of `room`. */
function edits(room: Y.Doc, round: number): Uint8Array[] {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
  const updates: Uint8Array[] = []
  client.on('update', (update: Uint8Array) => updates.push(update))
  const { items } = getWorkshopMaps(client)
  for (let i = 0; i < EDITS; i++) items.get(`n${(i * 7) % NOTES}`)!.set('text', `Runde ${round}, endring ${i}`)
  client.destroy()
  return updates
}

function timePerUpdate(updates: Uint8Array[], run: (update: Uint8Array) => void): number {
  const started = performance.now()
  for (const update of updates) run(update)
  return ((performance.now() - started) * 1000) / updates.length
}

const log = pino({ level: 'silent' })
const socket = { readyState: 1, OPEN: 1, CONNECTING: 0, send: () => undefined, close: () => undefined }
const connection = new SyncConnection(socket as unknown as WebSocket, 'w', log)
connection.grant = { role: 'participant', participantId: 'bench-participant' }

/** Time spent in the record validation during the current round, in ms. */
let validity = 0
const results: Record<string, number[]> = { plain: [], undoableOnly: [], checked: [], afterARefusal: [], authorshipOnly: [], validityOnly: [], refused: [] }
for (let round = 0; round < ROUNDS; round++) {
  {
    const room = workshop()
    const updates = edits(room, round)
    results.plain!.push(timePerUpdate(updates, (update) => Y.applyUpdate(room, update, connection)))
    room.destroy()
  }
  {
    const room = workshop()
    const undoable = new UndoableApply(room)
    const updates = edits(room, round)
    results.undoableOnly!.push(timePerUpdate(updates, (update) => undoable.apply(connection, update, () => null)))
    undoable.destroy()
    room.destroy()
  }
  {
    const room = workshop()
    const maps = getWorkshopMaps(room)
    const authorship = new Authorship(room, new Y.Doc())
    const undoable = new UndoableApply(room)
    const updates = edits(room, round)
    results.authorshipOnly!.push(timePerUpdate(updates.slice(0, 200), (update) => authorship.beforeApply({ connection, update })))
    results.checked!.push(
      timePerUpdate(updates, (update) => {
        if (authorship.beforeApply({ connection, update })) throw new Error('refused')
        undoable.apply(connection, update, (transaction) => {
          authorship.checkApplied({ connection, update, transaction })
          const started = performance.now()
          const refusal = invalidRecordIn(transaction, maps)
          validity += performance.now() - started
          return refusal
        })
      }),
    )
    results.validityOnly!.push((validity * 1000) / updates.length)
    validity = 0
    undoable.destroy()
    room.destroy()
  }
  {
    const room = workshop()
    const maps = getWorkshopMaps(room)
    const undoable = new UndoableApply(room)
    const updates = edits(room, round)
    // One refused overwrite of a note no edit below touches: from then on every update is looked at.
    const refused = new Y.Doc()
    Y.applyUpdate(refused, Y.encodeStateAsUpdate(room))
    refused.on('update', (update: Uint8Array) => undoable.apply(connection, update, () => ({ reason: 'locked', boardId: 'board' })))
    getWorkshopMaps(refused).items.get('n1')!.set('text', 'Refused')
    refused.destroy()
    results.afterARefusal!.push(timePerUpdate(updates, (update) => undoable.apply(connection, update, (transaction) => invalidRecordIn(transaction, maps))))
    undoable.destroy()
    room.destroy()
  }
  {
    const room = workshop()
    const undoable = new UndoableApply(room)
    const updates = edits(room, round)
    results.refused!.push(timePerUpdate(updates, (update) => undoable.apply(connection, update, () => ({ reason: 'locked', boardId: 'board' }))))
    undoable.destroy()
    room.destroy()
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
console.log(`${NOTES} notes, ${EDITS} one-field edits per round, median of ${ROUNDS} rounds, µs per update:`)
for (const [name, values] of Object.entries(results)) console.log(`  ${name.padEnd(16)} ${median(values).toFixed(1).padStart(8)}   (${values.map((v) => v.toFixed(1)).join(', ')})`)
