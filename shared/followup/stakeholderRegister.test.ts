import { describe, expect, it } from 'vitest'
import type { StakeholderRecord } from '../schema/records/stakeholder'
import type { StakeholderGroupRecord } from '../schema/records/stakeholderGroup'
import { stakeholderHref, takeOverChoices } from './stakeholderRegister'
import { board, workshop } from './testWorkshops'

const group = (id: string, boardId: string, name: string, preset: StakeholderGroupRecord['preset'], order: string): StakeholderGroupRecord => ({
  id, kind: 'stakeholderGroup', boardId, name, preset, order, createdAt: 1,
})
const stakeholder = (id: string, boardId: string, groupId: string, name: string): StakeholderRecord => ({
  id, kind: 'stakeholder', boardId, groupId, name, influence: 3, interest: 3, contactPerson: '', message: '', channel: '', frequency: '',
  x: 0, y: 0, levelNow: 0, levelWanted: 0, origin: null, createdAt: 1, sdgs: [], dimension: '',
})

const source = workshop(
  'Mai',
  [board('map2', 'stakeholderMap', 'a1'), board('map1', 'stakeholderMap', 'a0'), board('cb', 'challengeBoard', 'a2')],
  [
    group('g1', 'map1', '', 'authorities', 'a1'),
    group('g2', 'map1', 'Naboer', '', 'a0'),
    stakeholder('s1', 'map1', 'g1', 'Fylket'),
    stakeholder('s2', 'map1', 'g2', 'Velforeningen'),
    stakeholder('s3', 'map2', '', '  idrettslaget'),
  ],
)

describe('takeOverChoices', () => {
  it('lists every stakeholder map by map in plan order, with its group, flagging names the target already has', () => {
    const choices = takeOverChoices(source, ['IdrettsLaget ', 'Kommunen'])
    expect(choices.map((c) => [c.stakeholder.id, c.boardId, c.groupName, c.groupPreset, c.alreadyHere])).toEqual([
      ['s2', 'map1', 'Naboer', '', false],
      ['s1', 'map1', '', 'authorities', false],
      ['s3', 'map2', '', '', true],
    ])
  })

  it('flags nothing on an empty map', () => {
    expect(takeOverChoices(source, []).some((c) => c.alreadyHere)).toBe(false)
  })
})

describe('stakeholderHref', () => {
  it('links as the knowledge bank does, escaping what it must', () => {
    expect(stakeholderHref('wA_1234567890abcdef', 'map 1', 's&1')).toBe('/w/wA_1234567890abcdef?board=map%201&item=s%261')
  })
})
