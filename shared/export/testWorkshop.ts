import type { ItemRecord } from '../schema/schema'
import type { BoardRecord } from '../schema/records/board'
import type { ExportLabels } from './exportLabels'
import type { WorkshopSnapshot } from './workshopJson'

/** Fixtures for the export tests: a small workshop kit with hostile text in every field that prints. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  formula: '=HYPERLINK("http://x","y")',
  plus: '+cmd',
  mixed: 'Sitat "her"; og\nny linje – æøå ÆØÅ',
} as const

const tagged = { sdgs: [] as number[], dimension: '' as const }

export const englishLabels: ExportLabels = {
  language: 'en',
  minutesTitle: 'Minutes',
  workshop: 'Workshop',
  date: 'Date',
  exportedAt: 'Exported',
  created: 'Created',
  boards: 'Board',
  template: (t) => ({ canvas: 'free canvas', stakeholderMap: 'stakeholder map', involvementMatrix: 'involvement matrix', challengeBoard: 'challenges' })[t],
  stakeholders: 'Stakeholders',
  communicationPlan: 'Communication plan',
  name: 'Name',
  group: 'Group',
  ungrouped: 'No group',
  influence: 'Influence',
  interest: 'Interest',
  contactPerson: 'Contact person',
  who: 'Who',
  what: 'What',
  how: 'How',
  when: 'When',
  noStakeholders: 'No stakeholders yet.',
  levelNow: 'Now',
  levelWanted: 'Wanted',
  gap: 'Gap',
  notSet: 'not set',
  collaborations: 'Collaborations',
  collaborationField: (f) => f,
  noLinkedMap: 'Not linked to a stakeholder map.',
  quadrant: (q) => ({ keepSatisfied: 'Keep satisfied', manageClosely: 'Manage closely', monitor: 'Monitor', keepInformed: 'Keep informed' })[q],
  lane: (l) => ({ challenge: 'Challenge', solution: 'Solution', action: 'Action' })[l],
  actions: 'Actions',
  action: 'Action',
  owner: 'Owner',
  dueDate: 'Due',
  status: 'Status',
  statusName: (s) => ({ open: 'Not started', inProgress: 'In progress', done: 'Done' })[s],
  votes: 'votes',
  votesHeading: 'Votes',
  voteNumber: (n) => `Vote ${n}`,
  voteSummary: (v) => `Closed ${v.closedAt}; ${v.voters} people voted, ${v.votesPerPerson} dots each (at most ${v.maxPerItem} on one); ${v.withDots} of ${v.eligible} got dots.`,
  rank: 'Rank',
  dots: 'Dots',
  noDots: 'No one voted.',
  deletedItem: '(deleted)',
  formatDateTime: (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' '),
  answeredSolutions: 'Solutions',
  noSolutions: 'No solutions yet.',
  noActions: 'No actions yet.',
  notLinked: 'Not linked',
  notes: 'Notes',
  text: 'Text',
  color: 'Colour',
  untagged: 'Untagged',
  noNotes: 'No notes.',
  sdgs: 'SDG',
  dimension: 'Dimension',
  sdgName: (n) => `Goal name ${n}`,
  dimensionName: (d) => ({ social: 'Social', environmental: 'Environmental', economic: 'Economic' })[d] ?? d,
  groupName: (name, preset) => name || (preset ? `Preset ${preset}` : 'Unnamed group'),
  levelName: (n) => ['not set', 'Communication', 'Consultation', 'Participation', 'Representation', 'Partnership', 'Co-production'][n] ?? 'not set',
  formatDate: (iso) => iso.split('-').reverse().join('.'),
  emptyText: '(empty)',
  imagePlaceholder: 'Image not included',
}

const board = (id: string, title: string, template: BoardRecord['template'], order: string, linkedBoardId = ''): BoardRecord => ({
  id,
  title,
  order,
  template,
  showHelp: false,
  linkedBoardId,
})

export function testWorkshop(): WorkshopSnapshot {
  const items: ItemRecord[] = [
    { id: 'g1', kind: 'stakeholderGroup', boardId: 'map', name: '', preset: 'authorities', order: 'a0', createdAt: 1 },
    { id: 'g2', kind: 'stakeholderGroup', boardId: 'map', name: HOSTILE.script, preset: '', order: 'a1', createdAt: 2 },
    {
      id: 's1', kind: 'stakeholder', boardId: 'map', groupId: 'g1', name: 'Frivilligsentralen', influence: 4, interest: 5,
      contactPerson: 'Åse Ødegård', message: HOSTILE.formula, channel: 'E-post; møte', frequency: 'Månedlig',
      x: 16, y: 72, levelNow: 2, levelWanted: 5, origin: null, createdAt: 3, ...tagged,
    },
    {
      id: 's2', kind: 'stakeholder', boardId: 'map', groupId: 'g2', name: HOSTILE.img, influence: 1, interest: 2,
      contactPerson: HOSTILE.plus, message: HOSTILE.mixed, channel: '', frequency: '',
      x: 0, y: 0, levelNow: 0, levelWanted: 3, origin: null, createdAt: 4, ...tagged,
    },
    {
      id: 'col1', kind: 'collaboration', boardId: 'matrix', stakeholderId: 's1', goals: 'Felles mål', rolesAndResponsibility: '',
      funding: '', expectedResults: '', indicators: '', platforms: '', createdAt: 5,
    },
    { id: 'c1', kind: 'card', boardId: 'cb', lane: 'challenge', text: 'Ensomhet blant eldre', order: 'a0', owner: '', dueDate: '', status: 'open', origin: null, createdAt: 6, ...tagged },
    { id: 'c2', kind: 'card', boardId: 'cb', lane: 'solution', text: 'Møteplass på biblioteket', order: 'a0', owner: '', dueDate: '', status: 'open', origin: null, createdAt: 7, ...tagged },
    { id: 'c3', kind: 'card', boardId: 'cb', lane: 'action', text: HOSTILE.formula, order: 'a0', owner: 'Kari Nordmann', dueDate: '2026-12-01', status: 'inProgress', origin: null, createdAt: 8, ...tagged },
    { id: 'c4', kind: 'card', boardId: 'cb', lane: 'action', text: 'Løs tråd', order: 'a1', owner: HOSTILE.plus, dueDate: '', status: 'open', origin: null, createdAt: 9, ...tagged },
    { id: 'k1', kind: 'connector', boardId: 'cb', from: { itemId: 'c2' }, to: { itemId: 'c1' }, relation: 'answers', arrowhead: 'end', color: '#1f6f5c', createdAt: 10 },
    { id: 'k2', kind: 'connector', boardId: 'cb', from: { itemId: 'c3' }, to: { itemId: 'c2' }, relation: 'carriesOut', arrowhead: 'end', color: '#8a5300', createdAt: 11 },
    { id: 'n1', kind: 'note', boardId: 'canvas', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: HOSTILE.script, createdAt: 12, sdgs: [3, 17], dimension: 'social' },
    { id: 'n2', kind: 'note', boardId: 'canvas', x: 200, y: 0, w: 160, h: 160, color: 'blue', text: HOSTILE.mixed, createdAt: 13, sdgs: [], dimension: '' },
    { id: 'n3', kind: 'note', boardId: 'canvas', x: 400, y: 0, w: 160, h: 160, color: 'green', text: 'Ikke-latinsk: 你好 ő Ω', createdAt: 14, sdgs: [], dimension: 'economic' },
    { id: 't1', kind: 'text', boardId: 'canvas', x: 0, y: 220, w: 300, text: 'Overskrift', fontSize: 24, color: '#1a1a1a', createdAt: 15, ...tagged },
    { id: 'sh1', kind: 'shape', boardId: 'canvas', shape: 'ellipse', x: 400, y: 220, w: 120, h: 80, fill: '#ffcc80', stroke: '#333333', text: 'Sirkel', createdAt: 16, ...tagged },
    { id: 'st1', kind: 'stroke', boardId: 'canvas', x: 10, y: 320, points: [0, 0, 0.5, 40, 10, 0.5, 80, 0, 0.5], color: '#d32f2f', size: 4, createdAt: 17 },
    { id: 'ar1', kind: 'connector', boardId: 'canvas', from: { itemId: 'n1' }, to: { x: 300, y: 400 }, relation: '', arrowhead: 'end', color: '#333333', createdAt: 18 },
    { id: 'im1', kind: 'image', boardId: 'canvas', x: 600, y: 0, w: 200, h: 150, hash: 'a'.repeat(64), mime: 'image/webp', alt: 'Bilde av benken', createdAt: 19 },
  ]
  return {
    meta: { title: 'Studietur <b>Bodø</b>', language: 'nb', createdAt: Date.UTC(2026, 10, 20, 9) },
    boards: [
      board('map', 'Interessenter', 'stakeholderMap', 'a1'),
      board('matrix', 'Involvering', 'involvementMatrix', 'a2', 'map'),
      board('cb', 'Utfordringer', 'challengeBoard', 'a3'),
      board('canvas', 'Lerret', 'canvas', 'a0'),
    ],
    items,
  }
}
