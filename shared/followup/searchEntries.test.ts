import { describe, expect, it } from 'vitest'
import type { ItemRecord } from '../schema/schema'
import { extractSearchEntries, tagWords } from './searchEntries'
import { board, card, link, workshop } from './testWorkshops'

const items: ItemRecord[] = [
  { id: 'n1', kind: 'note', boardId: 'cv', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: 'Flere benker i parken', createdAt: 1, sdgs: [3, 11], dimension: 'social' },
  { id: 'n2', kind: 'note', boardId: 'cv', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: '  ', createdAt: 1, sdgs: [], dimension: '' },
  { id: 'n3', kind: 'note', boardId: 'gone', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: 'On a deleted board', createdAt: 1, sdgs: [], dimension: '' },
  { id: 'g1', kind: 'stakeholderGroup', boardId: 'map', name: 'Frivillige', preset: 'community', order: 'a0', createdAt: 1 },
  {
    id: 'st1', kind: 'stakeholder', boardId: 'map', groupId: 'g1', name: 'Idrettslaget', influence: 3, interest: 5,
    contactPerson: 'Per Hansen', message: 'Nye tider for hallen', channel: 'E-post', frequency: 'Månedlig',
    x: 0, y: 0, levelNow: 2, levelWanted: 5, origin: null, createdAt: 1, sdgs: [17], dimension: '',
  },
  {
    id: 'co1', kind: 'collaboration', boardId: 'mx', stakeholderId: 'st1', goals: 'Felles hall', rolesAndResponsibility: '',
    funding: 'Spillemidler', expectedResults: '', indicators: '', platforms: '', createdAt: 1,
  },
  card('a1', 'cb', 'action', 'a0', { text: 'Søke spillemidler', owner: 'Kari', sdgs: [17], dimension: 'economic' }),
  card('c1', 'cb', 'challenge', 'a0', { text: 'For lite hallplass' }),
  link('k1', 'cb', 'a1', 'c1', ''),
  { id: 'im1', kind: 'image', boardId: 'cv', hash: 'h', mime: 'image/jpeg', x: 0, y: 0, w: 10, h: 10, alt: 'Benken ved elva', createdAt: 1 },
]
const snapshot = workshop('Elvebyen', [board('cv', 'canvas'), board('map', 'stakeholderMap', 'a1', 'Interessenter'), board('mx', 'involvementMatrix'), board('cb', 'challengeBoard')], items)
const entries = extractSearchEntries('w1', snapshot)

describe('extractSearchEntries', () => {
  it('gives one entry per record with words, sorted by record id; empty notes, link lines and orphans none', () => {
    expect(entries.map((e) => `${e.kind}:${e.recordId}`)).toEqual([
      'card:a1',
      'card:c1',
      'board:cb',
      'collaboration:co1',
      'board:cv',
      'stakeholderGroup:g1',
      'image:im1',
      'board:map',
      'board:mx',
      'note:n1',
      'stakeholder:st1',
      'workshop:w1',
    ])
  })

  it.each([
    ['w1', { boardId: '', title: 'Elvebyen', body: '', tags: '' }],
    ['map', { boardId: 'map', title: 'Interessenter' }],
    ['n1', { boardId: 'cv', title: 'Flere benker i parken', tags: 'sdg3 sdg11 social' }],
    ['a1', { boardId: 'cb', title: 'Søke spillemidler', body: 'Kari', tags: 'sdg17 economic' }],
    ['st1', { title: 'Idrettslaget', body: 'Frivillige\nPer Hansen\nNye tider for hallen\nE-post\nMånedlig', tags: 'sdg17' }],
    ['co1', { boardId: 'mx', title: 'Idrettslaget', body: 'Felles hall\nSpillemidler' }],
    ['im1', { title: 'Benken ved elva' }],
  ])('%s carries its words', (id, expected) => {
    expect(entries.find((e) => e.recordId === id)).toMatchObject({ workshopId: 'w1', ...expected })
  })
})

describe('tagWords', () => {
  it.each([
    [{ sdgs: [], dimension: '' as const }, ''],
    [{ sdgs: [17], dimension: '' as const }, 'sdg17'],
    [{ sdgs: [], dimension: 'environmental' as const }, 'environmental'],
  ])('%j → %j', (tagged, words) => {
    expect(tagWords(tagged)).toBe(words)
  })
})
