import { NOTE_DEFAULT_SIZE, NOTE_TEXT_MAX, type NoteRecord } from '../schema/records/note'
import type { PositionPatch } from './notes'
import type { DocumentPlan } from './plan'

/** What a caller may give for a new note; everything else has a default. */
export type NoteInit = Partial<Omit<NoteRecord, 'id' | 'kind' | 'boardId'>>

/** The fields of a note a person changes directly on the canvas. */
export type NotePatch = Partial<Pick<NoteRecord, 'x' | 'y' | 'w' | 'h' | 'color' | 'text'>>

/**
 * A new note with the defaults filled in (an empty yellow note of the default size at 0,0) and its
 * text cut to the limit, as the note editor and the capture page expect; anything else invalid is
 * left for the applier to refuse.
 */
export function newNote(boardId: string, init: NoteInit, id: string, now: number): NoteRecord {
  return {
    id,
    kind: 'note',
    boardId,
    x: init.x ?? 0,
    y: init.y ?? 0,
    w: init.w ?? NOTE_DEFAULT_SIZE,
    h: init.h ?? NOTE_DEFAULT_SIZE,
    color: init.color ?? 'yellow',
    text: (init.text ?? '').slice(0, NOTE_TEXT_MAX),
    createdAt: init.createdAt ?? now,
    sdgs: init.sdgs ?? [],
    dimension: init.dimension ?? '',
  }
}

/**
 * A change to a note, its text cut to the limit. Nothing when the note is gone (deleted meanwhile)
 * or the patch changes nothing; fields given as `undefined` are left as they are.
 */
export function planNoteUpdate(current: NoteRecord | undefined, patch: NotePatch): DocumentPlan {
  if (!current) return {}
  const fields: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) fields[key] = value
  if (typeof fields.text === 'string') fields.text = fields.text.slice(0, NOTE_TEXT_MAX)
  if (Object.keys(fields).length === 0) return {}
  return { updateItems: [{ id: current.id, patch: fields }] }
}

/**
 * Positions planned elsewhere (`planMove`), as one plan. A position that is not a finite number is
 * skipped, not refused: the rest of the selection still moves. Items deleted meanwhile are dropped
 * by the applier.
 */
export function planPositions(patches: readonly PositionPatch[]): DocumentPlan {
  const updateItems = patches
    .filter(({ x, y }) => Number.isFinite(x) && Number.isFinite(y))
    .map(({ id, x, y }) => ({ id, patch: { x, y } }))
  return updateItems.length > 0 ? { updateItems } : {}
}
