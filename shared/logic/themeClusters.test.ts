import { describe, expect, it } from 'vitest'
import type { NoteRecord } from '../schema/records/note'
import type { ShapeRecord } from '../schema/records/shape'
import { validateText } from '../schema/records/text'
import type { CanvasItem } from './canvasItems'
import { CLUSTER_GAP, CLUSTER_LABEL_SIZE, CLUSTER_NOTE_GAP, planThemeClusters, type ClusterGroup } from './themeClusters'

const note = (id: string, x = 0, y = 0, size = 200): NoteRecord => ({ id, kind: 'note', boardId: 'b1', x, y, w: size, h: size, color: 'yellow', text: id, createdAt: 1, sdgs: [], dimension: '' })
const shape = (id: string, x: number, y: number, w: number, h: number): ShapeRecord => ({ id, kind: 'shape', boardId: 'b1', shape: 'rect', x, y, w, h, fill: '', stroke: '#1f1f1d', text: '', createdAt: 1, sdgs: [], dimension: '' })
/** One line of a 40 px label, as textHeight estimates it. */
const LABEL = Math.ceil(CLUSTER_LABEL_SIZE * 1.25)
const TOP = LABEL + CLUSTER_NOTE_GAP

function plan(items: CanvasItem[], groups: ClusterGroup[]) {
  let n = 0
  return planThemeClusters({ boardId: 'b1', items, groups, newId: () => `label${++n}`, now: 5 })
}
const positions = (p: ReturnType<typeof plan>) => Object.fromEntries((p.updateItems ?? []).map((u) => [u.id, [u.patch.x, u.patch.y]]))
const labels = (p: ReturnType<typeof plan>) => (p.createItems ?? []).map((item) => (item.kind === 'text' ? [item.text, item.x, item.y, item.w] : null))

describe('planThemeClusters', () => {
  it.each([
    [
      'one note: one cell under its label',
      [note('a', 100, 100)],
      [{ label: 'Benker', noteIds: ['a'] }],
      { a: [100, 100 + TOP] },
      [['Benker', 100, 100, 200]],
    ],
    [
      'four notes make a 2 × 2 grid',
      [note('a', 0, 0), note('b', 300, 0), note('c', 600, 0), note('d', 900, 0)],
      [{ label: 'Lys', noteIds: ['d', 'c', 'b', 'a'] }],
      { d: [0, TOP], c: [216, TOP], b: [0, TOP + 216], a: [216, TOP + 216] },
      [['Lys', 0, 0, 416]],
    ],
    [
      'clusters side by side, each under its own label',
      [note('a'), note('b', 500, 0)],
      [
        { label: 'Benker', noteIds: ['a'] },
        { label: 'Lys', noteIds: ['b'] },
      ],
      { a: [0, TOP], b: [200 + CLUSTER_GAP, TOP] },
      [
        ['Benker', 0, 0, 200],
        ['Lys', 200 + CLUSTER_GAP, 0, 200],
      ],
    ],
    [
      'deleted notes are skipped and a group left empty gets no label',
      [note('a')],
      [
        { label: 'Borte', noteIds: ['gone'] },
        { label: 'Benker', noteIds: ['a', 'gone'] },
      ],
      { a: [0, TOP] },
      [['Benker', 0, 0, 200]],
    ],
  ])('%s', (_what, items, groups, expectedPositions, expectedLabels) => {
    const p = plan(items, groups)
    expect(positions(p)).toEqual(expectedPositions)
    expect(labels(p)).toEqual(expectedLabels)
  })

  it('cells are as large as the largest note', () => {
    expect(positions(plan([note('a', 0, 0, 100), note('b', 0, 0, 300)], [{ label: 'X', noteIds: ['a', 'b'] }]))).toEqual({ a: [0, TOP], b: [316, TOP] })
  })

  it('at most five notes across; a long row of clusters wraps', () => {
    const many = Array.from({ length: 30 }, (_, i) => note(`n${i}`))
    const p = plan(many, [{ label: 'Mange', noteIds: many.map((n) => n.id) }])
    expect(new Set(Object.values(positions(p)).map(([x]) => x)).size).toBe(5)
    const groups = Array.from({ length: 7 }, (_, i) => ({ label: `T${i}`, noteIds: [`n${i * 4}`, `n${i * 4 + 1}`, `n${i * 4 + 2}`, `n${i * 4 + 3}`] }))
    const rows = new Set(labels(plan(many, groups)).map((l) => l![2]))
    expect(rows.size).toBeGreaterThan(1)
  })

  it('moves the layout right of what it would cover, and leaves notes not in a group alone', () => {
    const items = [note('a', 0, 0), note('b', 0, 300), note('stay', 40, 40), shape('photo', 0, 100, 400, 400)]
    const p = plan(items, [{ label: 'Benker', noteIds: ['a', 'b'] }])
    const right = 0 + 400 + CLUSTER_GAP
    expect(positions(p)).toEqual({ a: [right, TOP], b: [right + 216, TOP] })
  })

  it('a long name wraps, and the notes start below it', () => {
    const p = plan([note('a')], [{ label: 'Et langt navn på et tema om trafikk', noteIds: ['a'] }])
    const [, y] = positions(p).a!
    expect(y).toBeGreaterThan(TOP)
  })

  it('labels are valid text records; nothing to move is an empty plan', () => {
    for (const item of plan([note('a')], [{ label: 'Benker', noteIds: ['a'] }]).createItems ?? []) expect(validateText(item).ok).toBe(true)
    expect(plan([note('a')], [{ label: 'Tom', noteIds: [] }])).toEqual({})
  })

  it('a note already in its place gets no update', () => {
    expect(positions(plan([note('a', 0, 0), note('b', 216, TOP)], [{ label: 'Benker', noteIds: ['a', 'b'] }]))).toEqual({ a: [0, TOP] })
  })
})
