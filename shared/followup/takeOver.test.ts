import { describe, expect, it } from 'vitest'
import type { CardRecord } from '../schema/records/card'
import { STAKEHOLDER_CARD_SIZE, type StakeholderRecord } from '../schema/records/stakeholder'
import type { StakeholderGroupRecord } from '../schema/records/stakeholderGroup'
import { validateItem } from '../schema/schema'
import { layoutZones, zoneAt } from '../logic/stakeholderMap'
import { openActions, planTakeOverActions, planTakeOverStakeholders, type TakeOverSource, type TakeOverTarget } from './takeOver'
import { applyPlanToSnapshot, board, card, link, workshop } from './testWorkshops'

let counter = 0
const context = { newId: () => `new${++counter}`, now: 99 }

const earlier: TakeOverSource = {
  workshopId: 'wA',
  snapshot: workshop(
    'Mai',
    [board('cb2', 'challengeBoard', 'a1'), board('cb1', 'challengeBoard', 'a0'), board('mapA', 'stakeholderMap', 'a2')],
    [
      card('s1', 'cb1', 'solution', 'a0'),
      card('a1', 'cb1', 'action', 'a0', { text: 'Ring rektor', owner: 'Kari', dueDate: '2026-06-01', status: 'inProgress', sdgs: [4], dimension: 'social' }),
      card('a2', 'cb1', 'action', 'a1', { text: 'Ferdig', status: 'done' }),
      card('a3', 'cb2', 'action', 'a0', { text: 'Søk midler', owner: 'Ola' }),
      link('k1', 'cb1', 'a1', 's1', 'carriesOut'),
      group('gA1', 'mapA', '', 'authorities', 'a0'),
      group('gA2', 'mapA', 'Naboer', '', 'a1'),
      group('gA3', 'mapA', '', 'privateSector', 'a2'),
      stakeholder('stA1', 'mapA', 'gA1', 'Fylket', { contactPerson: 'Per', message: 'Status', channel: 'Møte', frequency: 'Kvartalsvis', levelNow: 2, levelWanted: 4, sdgs: [17] }),
      stakeholder('stA2', 'mapA', 'gA2', 'Velforeningen'),
      stakeholder('stA3', 'mapA', 'gA3', 'Butikken'),
      stakeholder('stA4', 'mapA', '', 'Avisa'),
      stakeholder('stA5', 'mapA', 'gA2', 'idrettslaget '),
    ],
  ),
}

function group(id: string, boardId: string, name: string, preset: StakeholderGroupRecord['preset'], order: string): StakeholderGroupRecord {
  return { id, kind: 'stakeholderGroup', boardId, name, preset, order, createdAt: 1 }
}

function stakeholder(id: string, boardId: string, groupId: string, name: string, fields: Partial<StakeholderRecord> = {}): StakeholderRecord {
  return {
    id, kind: 'stakeholder', boardId, groupId, name, influence: 3, interest: 4, contactPerson: '', message: '', channel: '', frequency: '',
    x: 0, y: 0, levelNow: 0, levelWanted: 0, origin: null, createdAt: 1, sdgs: [], dimension: '', ...fields,
  }
}

const later = workshop(
  'September',
  [board('cbB', 'challengeBoard'), board('mapB', 'stakeholderMap', 'a1'), board('cv', 'canvas', 'a2')],
  [
    card('b1', 'cbB', 'action', 'a0', { text: 'Ny sak' }),
    card('b2', 'cbB', 'action', 'a1', { text: 'Ring rektor', origin: { workshopId: 'wA', cardId: 'a1' } }),
    group('gB1', 'mapB', '', 'authorities', 'a0'),
    group('gB2', 'mapB', 'naboer', '', 'a1'),
    stakeholder('stB1', 'mapB', 'gB2', 'Idrettslaget', { x: 56, y: 56 }),
  ],
)
const target = (boardId: string): TakeOverTarget => ({ workshopId: 'wB', snapshot: later, boardId })

describe('openActions', () => {
  it('lists the actions not done, in board and lane order', () => {
    expect(openActions(earlier.snapshot).map((a) => a.id)).toEqual(['a1', 'a3'])
  })
})

describe('planTakeOverActions', () => {
  it.each<[string, TakeOverTarget, string]>([
    ['a board that is not there', target('nope'), 'noTargetBoard'],
    ['a stakeholder map', target('mapB'), 'wrongTemplate'],
    ['the same workshop', { ...target('cbB'), workshopId: 'wA' }, 'sameWorkshop'],
  ])('refuses %s', (_name, to, reason) => {
    expect(planTakeOverActions(earlier, to, context)).toEqual({ ok: false, reason })
  })

  it('adds the open actions not taken over yet at the end of the action lane, linking back', () => {
    const result = planTakeOverActions(earlier, target('cbB'), context)
    if (!result.ok) throw new Error(result.reason)
    expect(result).toMatchObject({ added: 1, alreadyThere: 1 })
    const [created] = result.plan.createItems as CardRecord[]
    expect(created).toMatchObject({
      kind: 'card', boardId: 'cbB', lane: 'action', text: 'Søk midler', owner: 'Ola', status: 'open', origin: { workshopId: 'wA', cardId: 'a3' }, createdAt: 99,
    })
    expect(created!.order > 'a1').toBe(true)
    expect(validateItem(created).ok).toBe(true)
  })

  it('keeps status, due date and tags, and adds nothing the second time', () => {
    const empty = { ...target('cbB'), snapshot: workshop('S', [board('cbB', 'challengeBoard')], []) }
    const first = planTakeOverActions(earlier, empty, context)
    if (!first.ok) throw new Error(first.reason)
    expect((first.plan.createItems as CardRecord[]).map((c) => [c.text, c.status, c.dueDate, c.sdgs, c.dimension])).toEqual([
      ['Ring rektor', 'inProgress', '2026-06-01', [4], 'social'],
      ['Søk midler', 'open', '', [], ''],
    ])
    const again = planTakeOverActions(earlier, { ...empty, snapshot: applyPlanToSnapshot(empty.snapshot, first.plan) }, context)
    expect(again).toEqual({ ok: true, plan: {}, added: 0, alreadyThere: 2 })
  })
})

describe('planTakeOverStakeholders', () => {
  it('refuses a board that is not a stakeholder map', () => {
    expect(planTakeOverStakeholders(earlier, target('cbB'), context)).toEqual({ ok: false, reason: 'wrongTemplate' })
  })

  const result = planTakeOverStakeholders(earlier, target('mapB'), context)
  if (!result.ok) throw new Error(result.reason)
  const created = result.plan.createItems ?? []
  const groups = created.filter((i): i is StakeholderGroupRecord => i.kind === 'stakeholderGroup')
  const added = created.filter((i): i is StakeholderRecord => i.kind === 'stakeholder')
  const named = (name: string) => added.find((s) => s.name === name)!

  it('skips names the map has (any case and spacing) and adds the rest, every record valid', () => {
    expect(result).toMatchObject({ added: 4, alreadyThere: 1 })
    expect(added.map((s) => s.name).sort()).toEqual(['Avisa', 'Butikken', 'Fylket', 'Velforeningen'])
    for (const item of created) expect(validateItem(item).ok, JSON.stringify(item)).toBe(true)
  })

  it.each([
    ['Fylket', 'gB1'], // preset label on both sides
    ['Velforeningen', 'gB2'], // the same name in another case
    ['Avisa', ''], // ungrouped stays ungrouped
  ])('%s lands in group %j', (name, groupId) => {
    expect(named(name).groupId).toBe(groupId)
  })

  it('adds a group the map lacks after its zones, once', () => {
    expect(groups).toEqual([{ id: named('Butikken').groupId, kind: 'stakeholderGroup', boardId: 'mapB', name: '', preset: 'privateSector', order: groups[0]!.order, createdAt: 99 }])
    expect(groups[0]!.order > 'a1').toBe(true)
  })

  it('keeps contact person, plan row, ratings, levels and tags', () => {
    expect(named('Fylket')).toMatchObject({ boardId: 'mapB', contactPerson: 'Per', message: 'Status', channel: 'Møte', frequency: 'Kvartalsvis', influence: 3, interest: 4, levelNow: 2, levelWanted: 4, sdgs: [17], createdAt: 99 })
  })

  it('links each one back to the stakeholder it came from', () => {
    expect(named('Fylket').origin).toEqual({ workshopId: 'wA', stakeholderId: 'stA1' })
    expect(named('Avisa').origin).toEqual({ workshopId: 'wA', stakeholderId: 'stA4' })
  })

  it.each<[string, string[], string[], number]>([
    ['only the chosen', ['stA1', 'stA4'], ['Fylket', 'Avisa'], 0],
    ['a chosen one the map already has is counted, not added', ['stA5', 'stA3'], ['Butikken'], 1],
    ['nothing chosen adds nothing', [], [], 0],
  ])('%s', (_what, chosen, names, alreadyThere) => {
    const result = planTakeOverStakeholders(earlier, target('mapB'), context, new Set(chosen))
    if (!result.ok) throw new Error(result.reason)
    const made = (result.plan.createItems ?? []).filter((i): i is StakeholderRecord => i.kind === 'stakeholder')
    expect(made.map((s) => s.name)).toEqual(names)
    expect(result.alreadyThere).toBe(alreadyThere)
  })

  it('places grouped cards inside their zones, apart from each other and from the cards there', () => {
    const all = [...later.items.filter((i): i is StakeholderRecord => i.kind === 'stakeholder'), ...added]
    const counts = new Map<string, number>()
    for (const s of all) counts.set(s.groupId, (counts.get(s.groupId) ?? 0) + 1)
    const zones = layoutZones([group('gB1', 'mapB', '', 'authorities', 'a0'), group('gB2', 'mapB', 'naboer', '', 'a1'), ...groups], { cardCounts: counts })
    const centre = (s: StakeholderRecord) => ({ x: s.x + STAKEHOLDER_CARD_SIZE.w / 2, y: s.y + STAKEHOLDER_CARD_SIZE.h / 2 })
    for (const s of added.filter((s) => s.groupId !== '')) expect(zoneAt(centre(s), zones), s.name).toBe(s.groupId)
    expect(zoneAt(centre(named('Avisa')), zones)).toBe('')
    expect(new Set(all.map((s) => `${s.x},${s.y}`)).size).toBe(all.length)
  })
})
