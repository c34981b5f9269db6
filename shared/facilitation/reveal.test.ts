import { describe, expect, it } from 'vitest'
import type { BoardRecord } from '../schema/records/board'
import type { CardRecord } from '../schema/records/card'
import type { NoteRecord } from '../schema/records/note'
import type { HeldNote } from './commands'
import { planPlaceHeldNotes, REVEAL_NOTE_SIZE } from './reveal'

const canvas: BoardRecord = { id: 'b1', title: 'Tavle', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' }
const challenges: BoardRecord = { ...canvas, id: 'b2', template: 'challengeBoard' }

function held(id: string, createdAt: number, extra: Partial<HeldNote> = {}): HeldNote {
  return { id, authorId: 'p1', authorName: 'Kari', boardId: 'b1', lane: '', text: `note ${id}`, color: 'yellow', createdAt, status: 'private', phaseId: 'ph', original: null, ...extra }
}

describe('planPlaceHeldNotes', () => {
  it('lays canvas notes out in writing order without overlapping each other or what is there', () => {
    const existing: NoteRecord = { id: 'old', kind: 'note', boardId: 'b1', x: 0, y: 0, w: 200, h: 200, color: 'blue', text: '', createdAt: 0, sdgs: [], dimension: '' }
    const plan = planPlaceHeldNotes(canvas, [held('b', 2), held('a', 1), held('c', 3)], [existing])
    const notes = plan.createItems as NoteRecord[]
    expect(notes.map((n) => n.id)).toEqual(['a', 'b', 'c'])
    const rects = [existing, ...notes]
    for (const [i, a] of rects.entries()) {
      for (const b of rects.slice(i + 1)) {
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
        expect(overlap, `${a.id} and ${b.id} overlap`).toBe(false)
      }
    }
    expect(notes[0]).toMatchObject({ kind: 'note', boardId: 'b1', text: 'note a', w: REVEAL_NOTE_SIZE, color: 'yellow', createdAt: 1 })
  })

  it('makes a wide wall for a big reveal', () => {
    const many = Array.from({ length: 300 }, (_, i) => held(`n${i}`, i))
    const notes = planPlaceHeldNotes(canvas, many, []).createItems as NoteRecord[]
    const columns = new Set(notes.map((n) => n.x)).size
    const rows = new Set(notes.map((n) => n.y)).size
    expect(columns).toBeGreaterThanOrEqual(20)
    expect(rows).toBeLessThanOrEqual(15)
  })

  it('appends challenge-board cards to their lane, challenges when none is given', () => {
    const card: CardRecord = { id: 'c0', kind: 'card', boardId: 'b2', lane: 'solution', text: 'x', order: 'a5', owner: '', dueDate: '', status: 'open', origin: null, createdAt: 0, sdgs: [], dimension: '' }
    const plan = planPlaceHeldNotes(challenges, [held('s1', 1, { lane: 'solution', boardId: 'b2' }), held('c1', 2, { boardId: 'b2', text: 'x'.repeat(900) })], [card])
    const cards = plan.createItems as CardRecord[]
    expect(cards.map((c) => [c.id, c.lane])).toEqual([['s1', 'solution'], ['c1', 'challenge']])
    expect(cards[0]!.order > 'a5').toBe(true)
    expect(cards[1]!.text).toHaveLength(500)
  })
})
