import { describe, expect, it } from 'vitest'
import { validateItem } from '../schema'

// One valid record of each item kind added with the workshop boards, and the ways each goes wrong.
const base = { id: 'x1', boardId: 'b1', createdAt: 1 }
const tags = { sdgs: [], dimension: '' }
const valid = {
  stakeholderGroup: { ...base, kind: 'stakeholderGroup', name: '', preset: 'authorities', order: 'a0' },
  stakeholder: {
    ...base,
    ...tags,
    kind: 'stakeholder',
    groupId: 'g1',
    name: 'Idrettsrådet',
    influence: 3,
    interest: 5,
    contactPerson: 'Kari',
    message: 'Nye baner',
    channel: 'Møte',
    frequency: 'Månedlig',
    origin: null,
    x: 0,
    y: 0,
    levelNow: 2,
    levelWanted: 5,
  },
  collaboration: {
    ...base,
    kind: 'collaboration',
    stakeholderId: 's1',
    goals: 'Flere aktive barn',
    rolesAndResponsibility: '',
    funding: '',
    expectedResults: '',
    indicators: '',
    platforms: '',
  },
  card: { ...base, ...tags, kind: 'card', lane: 'action', text: 'Søke midler', order: 'a0', owner: 'Ola', dueDate: '2026-12-01', status: 'inProgress', origin: null },
  connector: { ...base, kind: 'connector', from: { itemId: 'a' }, to: { x: 1, y: 2 }, relation: '', arrowhead: 'end', color: '#1d2320' },
  text: { ...base, ...tags, kind: 'text', x: 0, y: 0, w: 200, text: 'Overskrift', fontSize: 24, color: '#1d2320' },
  shape: { ...base, ...tags, kind: 'shape', shape: 'ellipse', x: 0, y: 0, w: 100, h: 50, fill: '', stroke: '#1d2320', text: '' },
  stroke: { ...base, kind: 'stroke', x: 0, y: 0, points: [0, 0, 0.5, 10, 10, 0.5], color: '#1d2320', size: 4 },
  image: { ...base, kind: 'image', x: 0, y: 0, w: 320, h: 240, hash: 'a'.repeat(64), mime: 'image/png', alt: 'Møteplassen' },
} as const

describe('item validators', () => {
  it.each(Object.entries(valid))('accepts a valid %s', (_kind, record) => {
    expect(validateItem(record)).toEqual({ ok: true, value: record })
  })

  it.each([
    ['stakeholder influence 6', valid.stakeholder, { influence: 6 }, 'stakeholder.influence'],
    ['stakeholder interest 2.5', valid.stakeholder, { interest: 2.5 }, 'stakeholder.interest'],
    ['stakeholder level 7', valid.stakeholder, { levelWanted: 7 }, 'stakeholder.levelWanted'],
    ['stakeholder group not an id', valid.stakeholder, { groupId: 'a b' }, 'stakeholder.groupId'],
    ['group with an unknown preset', valid.stakeholderGroup, { preset: 'church' }, 'stakeholderGroup.preset'],
    ['card in a fourth lane', valid.card, { lane: 'idea' }, 'card.lane'],
    ['card due date not a date', valid.card, { dueDate: '1. desember' }, 'card.dueDate'],
    ['card with an unknown status', valid.card, { status: 'blocked' }, 'card.status'],
    ['connector end with extra keys', valid.connector, { from: { itemId: 'a', x: 1 } }, 'connector.from'],
    ['connector with a named colour', valid.connector, { color: 'red' }, 'connector.color'],
    ['connector with an unknown relation', valid.connector, { relation: 'blocks' }, 'connector.relation'],
    ['stroke points not in triples', valid.stroke, { points: [0, 0] }, 'stroke.points'],
    ['stroke with NaN', valid.stroke, { points: [0, Number.NaN, 0.5] }, 'stroke.points'],
    ['image hash not hex', valid.image, { hash: '../../etc/passwd' }, 'image.hash'],
    ['image of type svg', valid.image, { mime: 'image/svg+xml' }, 'image.mime'],
    ['shape of an unknown form', valid.shape, { shape: 'star' }, 'shape.shape'],
    ['text too small', valid.text, { fontSize: 2 }, 'text.fontSize'],
  ])('rejects %s', (_name, record, change, where) => {
    const result = validateItem({ ...record, ...change })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.startsWith(where)).toBe(true)
  })

  it('rejects an unknown kind with a message, not a crash', () => {
    expect(validateItem({ ...base, kind: 'hologram' })).toEqual({ ok: false, error: 'item.kind: unknown kind "hologram"' })
    expect(validateItem(null).ok).toBe(false)
  })
})
