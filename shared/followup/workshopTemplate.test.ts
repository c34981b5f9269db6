import { describe, expect, it } from 'vitest'
import type { ItemRecord } from '../schema/schema'
import { validateItem } from '../schema/schema'
import { templateOf } from './workshopTemplate'
import { board, card, link } from './testWorkshops'

const boards = [board('map', 'stakeholderMap', 'a0'), board('cb', 'challengeBoard', 'a1'), board('cv', 'canvas', 'a2')]
const note = (id: string): ItemRecord => ({ id, kind: 'note', boardId: 'cv', x: 0, y: 0, w: 160, h: 120, color: 'yellow', text: 'Min nabo', createdAt: 1, sdgs: [], dimension: '' })
const items: ItemRecord[] = [
  { id: 'g1', kind: 'stakeholderGroup', boardId: 'map', name: '', preset: 'authorities', order: 'a0', createdAt: 1 },
  {
    id: 'st1', kind: 'stakeholder', boardId: 'map', groupId: 'g1', name: 'Fylket', influence: 3, interest: 4, contactPerson: 'Per', message: 'Status',
    channel: 'Møte', frequency: 'Årlig', x: 10, y: 20, levelNow: 1, levelWanted: 3, origin: null, createdAt: 1, sdgs: [17], dimension: 'social',
  },
  card('c1', 'cb', 'challenge', 'a0', { text: 'Ensomhet' }),
  card('c2', 'cb', 'action', 'a0', { text: 'Ring rektor', owner: 'Kari', dueDate: '2026-06-01', status: 'done', origin: { workshopId: 'w0', cardId: 'x' }, sdgs: [4] }),
  link('k1', 'cb', 'c2', 'c1', 'carriesOut'),
  note('n1'),
  link('k2', 'cv', 'n1', 'c1', ''),
  { id: 'k3', kind: 'connector', boardId: 'cv', from: { x: 0, y: 0 }, to: { x: 5, y: 5 }, relation: '', arrowhead: 'end', color: '#000000', createdAt: 1 },
  { id: 'p1', kind: 'image', boardId: 'cv', x: 0, y: 0, w: 100, h: 100, hash: 'a'.repeat(64), mime: 'image/jpeg', alt: '', createdAt: 1 } as unknown as ItemRecord,
  { id: 's1', kind: 'stroke', boardId: 'cv', points: [0, 0, 1, 1], color: '#000000', width: 2, createdAt: 1 } as unknown as ItemRecord,
  { id: 't1', kind: 'text', boardId: 'cv', x: 0, y: 0, w: 200, text: 'Overskrift', fontSize: 24, color: '#1d2320', createdAt: 1, sdgs: [], dimension: '' },
]

describe('templateOf', () => {
  const template = templateOf({ boards, items })
  const ids = template.items.map((item) => item.id)

  it('keeps every board and the structure on them', () => {
    expect(template.boards).toEqual(boards)
    expect(ids).toEqual(expect.arrayContaining(['g1', 'st1', 'c1', 'c2', 'k1', 'k3', 't1']))
  })

  it.each([
    ['a resident’s note', 'n1'],
    ['a photo', 'p1'],
    ['a drawing', 's1'],
    ['a connector whose end was left out', 'k2'],
  ])('leaves out %s', (_what, id) => {
    expect(ids).not.toContain(id)
  })

  it('keeps a stakeholder whole: group, contact and plan row', () => {
    expect(template.items.find((item) => item.id === 'st1')).toEqual(items[1])
  })

  it('starts actions afresh: no owner, due date, status or origin, text and tags kept', () => {
    expect(template.items.find((item) => item.id === 'c2')).toMatchObject({ text: 'Ring rektor', owner: '', dueDate: '', status: 'open', origin: null, sdgs: [4] })
  })

  it('gives records the validators accept', () => {
    for (const item of template.items.filter((i) => i.kind !== 'image' && i.kind !== 'stroke')) expect(validateItem(item)).toMatchObject({ ok: true })
  })

  it('is the same when run twice (on save and again on use)', () => {
    expect(templateOf(template)).toEqual(template)
  })
})
