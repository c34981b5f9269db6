import { describe, expect, it } from 'vitest'
import { NOTE_DEFAULT_SIZE, NOTE_TEXT_MAX, validateNote, type NoteRecord } from '../schema/records/note'
import { newNote, planNoteUpdate, planPositions, type NoteInit, type NotePatch } from './itemEdits'
import type { PositionPatch } from './notes'
import type { DocumentPlan } from './plan'

const note: NoteRecord = { id: 'n1', kind: 'note', boardId: 'b1', x: 10, y: 20, w: 200, h: 200, color: 'blue', text: 'hei', createdAt: 5, sdgs: [17], dimension: 'social' }

describe('newNote', () => {
  it.each<[string, NoteInit, Partial<NoteRecord>]>([
    ['nothing given: an empty yellow note of the default size at 0,0, made now', {}, { x: 0, y: 0, w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE, color: 'yellow', text: '', createdAt: 1000, sdgs: [], dimension: '' }],
    ['a place and a colour', { x: 40, y: -8, color: 'green' }, { x: 40, y: -8, color: 'green', w: NOTE_DEFAULT_SIZE }],
    ['a size', { w: 300, h: 120 }, { w: 300, h: 120 }],
    ['text over the limit, cut', { text: 'x'.repeat(NOTE_TEXT_MAX + 50) }, { text: 'x'.repeat(NOTE_TEXT_MAX) }],
    ['a time of its own (an import)', { createdAt: 7 }, { createdAt: 7 }],
    ['tags', { sdgs: [3, 17], dimension: 'economic' }, { sdgs: [3, 17], dimension: 'economic' }],
  ])('%s', (_case, init, expected) => {
    const made = newNote('b1', init, 'id1', 1000)
    expect(made).toMatchObject({ id: 'id1', kind: 'note', boardId: 'b1', ...expected })
    expect(validateNote(made)).toMatchObject({ ok: true })
  })

  it('leaves an invalid size for the applier to refuse', () => {
    expect(validateNote(newNote('b1', { w: -5 }, 'id1', 1000)).ok).toBe(false)
  })
})

describe('planNoteUpdate', () => {
  it.each<[string, NoteRecord | undefined, NotePatch, DocumentPlan]>([
    ['new text', note, { text: 'hallo' }, { updateItems: [{ id: 'n1', patch: { text: 'hallo' } }] }],
    ['text over the limit, cut', note, { text: 'y'.repeat(NOTE_TEXT_MAX + 1) }, { updateItems: [{ id: 'n1', patch: { text: 'y'.repeat(NOTE_TEXT_MAX) } }] }],
    ['colour and size', note, { color: 'pink', w: 240, h: 180 }, { updateItems: [{ id: 'n1', patch: { color: 'pink', w: 240, h: 180 } }] }],
    ['fields given as undefined are left alone', note, { x: undefined, text: 'a' }, { updateItems: [{ id: 'n1', patch: { text: 'a' } }] }],
    ['an empty patch: nothing', note, {}, {}],
    ['a note deleted meanwhile: nothing', undefined, { text: 'too late' }, {}],
  ])('%s', (_case, current, patch, plan) => {
    expect(planNoteUpdate(current, patch)).toEqual(plan)
  })
})

describe('planPositions', () => {
  it.each<[string, PositionPatch[], DocumentPlan]>([
    ['each position a patch of x and y', [{ id: 'a', x: 1, y: 2 }, { id: 'b', x: -3, y: 4 }], { updateItems: [{ id: 'a', patch: { x: 1, y: 2 } }, { id: 'b', patch: { x: -3, y: 4 } }] }],
    ['a position that is not a finite number is skipped', [{ id: 'a', x: Number.NaN, y: 2 }, { id: 'b', x: 5, y: Number.POSITIVE_INFINITY }, { id: 'c', x: 0, y: 0 }], { updateItems: [{ id: 'c', patch: { x: 0, y: 0 } }] }],
    ['nothing to move: nothing', [], {}],
    ['only bad positions: nothing', [{ id: 'a', x: Number.NaN, y: Number.NaN }], {}],
  ])('%s', (_case, patches, plan) => {
    expect(planPositions(patches)).toEqual(plan)
  })
})
