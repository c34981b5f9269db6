import * as Y from 'yjs'
import { createRecordMap } from '../../shared/doc/workshopDoc'
import type { NoteRecord } from '../../shared/schema/records/note'
import { syncUpdateMessage, wsFrame } from './frames'
import type { ServerKind } from './servers'

/** Placeholder in a note's text, overwritten with the send time (same width) just before sending. */
const TIME_PLACEHOLDER = '~~~~~~~~~~~~~~~~'
const colors = ['yellow', 'orange', 'pink', 'purple', 'blue', 'green', 'grey'] as const
const phrases = [
  'Flere benker langs elva',
  'Bedre belysning på gangveien til skolen',
  'Felles verksted for frivillige lag',
  'Grønne tak på rådhuset',
  'Sykkelparkering ved biblioteket',
  'Åpen dag for ungdomsrådet',
]

/** One pre-built message of one writer: its frame and where its send time goes. */
export interface NoteMessage {
  frame: Buffer
  timeOffset: number
  clientId: number
  /** The writer's clock after this update: the probe has it once its state for clientId reaches this. */
  endClock: number
  /** The note id when this message creates a note. */
  createdNote: string | null
  sentAt: number
  deliveredAt: number
}

/**
 * A participant's edits, generated before the timed phase with a real Y.Doc (docs/schema.md: one
 * Y.Map per note in `items`): new notes, and edits of its own notes (text and position), one
 * transaction each, as the app writes them.
 */
export class NoteWriter {
  readonly doc: Y.Doc
  readonly clientId: number
  readonly createdNotes: string[] = []
  #count = 0
  #captured: Uint8Array | null = null

  constructor(
    readonly name: string,
    readonly kind: ServerKind,
    readonly room: string,
    readonly boardId = 'bench-board',
  ) {
    this.doc = new Y.Doc()
    this.clientId = this.doc.clientID
    this.doc.on('update', (update: Uint8Array) => {
      this.#captured = update
    })
  }

  /** The next message: a new note, or (every other time once it has three) an edit of an older one. */
  next(editShare = 0.5, rand: () => number = Math.random): NoteMessage {
    const n = this.#count++
    const items = this.doc.getMap<Y.Map<unknown>>('items')
    const text = `${phrases[n % phrases.length]} (${this.name}#${n}, sendt ${TIME_PLACEHOLDER})`
    let createdNote: string | null = null
    if (this.createdNotes.length >= 3 && rand() < editShare) {
      // An older note of this writer, never the latest two, so one turn rarely edits a note twice.
      const target = this.createdNotes[Math.floor(rand() * (this.createdNotes.length - 2))]!
      const note = items.get(target)!
      this.doc.transact(() => {
        note.set('text', text)
        note.set('x', Math.round(rand() * 4000))
        note.set('y', Math.round(rand() * 3000))
      })
    } else {
      const id = `${this.name}-${n}`
      // The record as the app builds it (shared/schema/records/note.ts, version 3): the server refuses
      // a note with a missing or unknown field.
      const record: NoteRecord = {
        id,
        kind: 'note',
        boardId: this.boardId,
        x: Math.round(rand() * 4000),
        y: Math.round(rand() * 3000),
        w: 160,
        h: 160,
        color: colors[n % colors.length]!,
        text,
        createdAt: Date.now(),
        sdgs: [],
        dimension: '',
      }
      this.doc.transact(() => {
        const note = createRecordMap(record)
        items.set(id, note)
      })
      createdNote = id
      this.createdNotes.push(id)
    }
    const update = this.#captured!
    this.#captured = null
    const frame = wsFrame(syncUpdateMessage(this.kind, this.room, update))
    const timeOffset = frame.indexOf(TIME_PLACEHOLDER, 0, 'latin1')
    return {
      frame,
      timeOffset,
      clientId: this.clientId,
      endClock: Y.getState(this.doc.store, this.clientId),
      createdNote,
      sentAt: 0,
      deliveredAt: 0,
    }
  }
}

/** Stamps the send time into the frame (fixed width, so the Yjs encoding stays valid) and records it. */
export function stampSendTime(message: NoteMessage, now: number): void {
  message.sentAt = now
  if (message.timeOffset >= 0) message.frame.write(now.toFixed(3).padStart(16, '0').slice(-16), message.timeOffset, 'latin1')
}
