import { WORKSHOP_ID_PATTERN } from '../../../shared/protocol'
import { loadStoredList, parseStoredList, saveStoredList } from '../lib/storedList'

/**
 * Notes written on the phone page while it had no connection, kept on the device until they are
 * sent (a hall's wifi comes and goes, and an old phone may drop the tab meanwhile). Each keeps the
 * id it will be sent with, so sending one twice (a reply lost with the connection) is recognised
 * by the server and files it once.
 */
export interface OutboxNote {
  workshopId: string
  noteId: string
  text: string
  createdAt: number
  /** '' while it waits for the network; else the error code the server refused it with. */
  failure: string
}

const STORAGE_KEY = 'samskap.phoneOutbox'
const MAX_STORED = 200

function isOutboxNote(value: unknown): value is OutboxNote {
  const v = value as Partial<OutboxNote> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.workshopId === 'string' &&
    WORKSHOP_ID_PATTERN.test(v.workshopId) &&
    typeof v.noteId === 'string' &&
    /^[A-Za-z0-9_-]{1,64}$/.test(v.noteId) &&
    typeof v.text === 'string' &&
    v.text.length > 0 &&
    typeof v.createdAt === 'number' &&
    typeof v.failure === 'string'
  )
}

function loadAll(): OutboxNote[] {
  return loadStoredList(STORAGE_KEY, (raw) => parseStoredList(raw, isOutboxNote))
}

/** This workshop's waiting notes, oldest first (the order they are sent in). */
export function loadOutbox(workshopId: string): OutboxNote[] {
  return loadAll()
    .filter((note) => note.workshopId === workshopId)
    .sort((a, b) => a.createdAt - b.createdAt)
}

/** Replaces this workshop's waiting notes; other workshops' stay as they are. */
export function saveOutbox(workshopId: string, notes: readonly OutboxNote[]): void {
  const others = loadAll().filter((note) => note.workshopId !== workshopId)
  saveStoredList(STORAGE_KEY, [...notes, ...others].slice(0, MAX_STORED))
}

/** The list with `note` added, or replaced when its id is there already. */
export function withNote(notes: readonly OutboxNote[], note: OutboxNote): OutboxNote[] {
  return notes.some((n) => n.noteId === note.noteId) ? notes.map((n) => (n.noteId === note.noteId ? note : n)) : [...notes, note]
}

export function withoutNote(notes: readonly OutboxNote[], noteId: string): OutboxNote[] {
  return notes.filter((n) => n.noteId !== noteId)
}
