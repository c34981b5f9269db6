import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMigrationSequence, migrateRecord, setMigrationStepListener } from './Migration'
import { boardMigrations, boardVersions, validateBoard } from './records/board'
import { cardMigrations, cardVersions, DUE_DATE_NOT_A_DAY, validateCard } from './records/card'
import { stakeholderMigrations, stakeholderVersions, validateStakeholder } from './records/stakeholder'
import { noteMigrations, noteVersions, validateNote } from './records/note'
import { sessionMigrations, sessionVersions } from './records/session'
import { readSession } from './records/sessionHistory'
import { validateWorkshopMeta, workshopMetaMigrations, workshopMetaVersions } from './records/workshopMeta'
import { recordMigrations, validateItem, type RecordKind } from './schema'
import { clampOrderKey, ORDER_MAX } from './validation'

const ran = new Set<string>()
beforeAll(() => setMigrationStepListener((id) => ran.add(id)))
afterAll(() => setMigrationStepListener(undefined))

describe('board migrations', () => {
  it(`${boardVersions.AddTemplate}: AddTemplate gives old boards the canvas template`, () => {
    const v1 = { id: 'b1', title: 'Tavle 1', order: 'a0' }
    const up = migrateRecord(boardMigrations, v1, boardVersions.Initial)
    expect(up).toEqual({ ...v1, template: 'canvas', showHelp: true, linkedBoardId: '' })
    expect(validateBoard(up).ok).toBe(true)
  })

  it(`${boardVersions.AddHelpAndLink}: AddHelpAndLink shows help and links nothing, keeping existing values`, () => {
    const v2 = { id: 'b1', title: 'Tavle 1', order: 'a0', template: 'canvas' }
    expect(migrateRecord(boardMigrations, v2, boardVersions.AddTemplate)).toEqual({ ...v2, showHelp: true, linkedBoardId: '' })
    const already = { ...v2, showHelp: false }
    expect(migrateRecord(boardMigrations, already, boardVersions.AddTemplate)).toMatchObject({ showHelp: false })
  })
})

describe('note migrations', () => {
  it(`${noteVersions.AddTags}: AddTags gives old notes no tags`, () => {
    const v1 = { id: 'n1', kind: 'note', boardId: 'b1', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: 'hei', createdAt: 1 }
    const up = migrateRecord(noteMigrations, v1, noteVersions.Initial)
    expect(up).toEqual({ ...v1, sdgs: [], dimension: '' })
    expect(validateNote(up).ok).toBe(true)
  })

  it('a current record passes through untouched', () => {
    const current = { id: 'b1', title: 't', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' }
    expect(migrateRecord(boardMigrations, current, boardMigrations.currentVersion)).toBe(current)
  })

  it('refuses a record from a newer schema', () => {
    expect(() => migrateRecord(boardMigrations, {}, boardMigrations.currentVersion + 1)).toThrow(/newer/)
  })
})

describe('session migrations', () => {
  const closedVote = {
    id: 'v1', boardId: 'b1', lane: '', votesPerPerson: 3, maxPerItem: 2, hidden: false, status: 'closed',
    openedAt: 100, closedAt: 200, results: { n2: 1, n1: 4, n3: 1 }, voters: 3,
  }

  it(`${sessionVersions.VoteHistory}: VoteHistory keeps the one closed vote as the first kept vote, ranked`, () => {
    const v1 = { moderation: true, vote: closedVote }
    const up = migrateRecord(sessionMigrations, v1, sessionVersions.Initial)
    expect(up).toEqual({
      ...v1,
      votes: [
        {
          id: 'v1', boardId: 'b1', boardTitle: '', lane: '', votesPerPerson: 3, maxPerItem: 2, hidden: false, openedAt: 100, closedAt: 200, voters: 3, eligible: 3,
          results: [{ itemId: 'n1', text: '', dots: 4 }, { itemId: 'n2', text: '', dots: 1 }, { itemId: 'n3', text: '', dots: 1 }],
        },
      ],
    })
    expect(readSession(up).errors).toEqual([])
  })

  it.each([
    ['no vote', {}],
    ['an open vote', { vote: { ...closedVote, status: 'open', results: {}, closedAt: 0 } }],
    ['a dismissed vote', { vote: null }],
    ['a vote no validator accepts', { vote: { ...closedVote, votesPerPerson: -1 } }],
  ])('%s: VoteHistory keeps nothing', (_name, v1) => {
    expect(migrateRecord(sessionMigrations, v1, sessionVersions.Initial)).toEqual({ ...v1, votes: [] })
  })
})

describe('stakeholder migrations', () => {
  const bounded = {
    id: 's1', kind: 'stakeholder', boardId: 'b1', groupId: '', name: 'Fylket', influence: 3, interest: 4, contactPerson: '', message: '', channel: '', frequency: '',
    x: 0, y: 0, levelNow: 0, levelWanted: 0, createdAt: 1, sdgs: [], dimension: '',
  }

  it(`${stakeholderVersions.AddOrigin}: AddOrigin says old stakeholders were made where they are`, () => {
    const up = migrateRecord(stakeholderMigrations, bounded, stakeholderVersions.Bounded)
    expect(up).toEqual({ ...bounded, origin: null })
    expect(validateStakeholder(up).ok).toBe(true)
  })

  it.each([
    [{ workshopId: 'w1', stakeholderId: 's9' }, true],
    [null, true],
    [{ workshopId: 'w1' }, false],
    [{ workshopId: 'w1', stakeholderId: 's 9' }, false],
    [{ workshopId: 'w1', stakeholderId: 's9', extra: 1 }, false],
  ])('an origin %j is valid: %s', (origin, valid) => {
    expect(validateStakeholder({ ...bounded, origin }).ok).toBe(valid)
  })
})

describe('card migrations', () => {
  it(`${cardVersions.AddOrigin}: AddOrigin says old cards were made where they are`, () => {
    const v2 = {
      id: 'c1', kind: 'card', boardId: 'b1', lane: 'action', text: 'Ring rektor', order: 'a0', owner: 'Kari', dueDate: '', status: 'open', createdAt: 1, sdgs: [], dimension: '',
    }
    const up = migrateRecord(cardMigrations, v2, cardVersions.Bounded)
    expect(up).toEqual({ ...v2, origin: null })
    expect(validateCard(up).ok).toBe(true)
  })

  it.each([
    [{ workshopId: 'w1', cardId: 'c9' }, true],
    [null, true],
    [{ workshopId: 'w1' }, false],
    [{ workshopId: 'w 1', cardId: 'c9' }, false],
    [{ workshopId: 'w'.repeat(65), cardId: 'c9' }, false],
    [{ workshopId: 'w1', cardId: 'c9', extra: 1 }, false],
  ])('an origin %j is valid: %s', (origin, valid) => {
    const card = { id: 'c1', kind: 'card', boardId: 'b1', lane: 'action', text: '', order: 'a0', owner: '', dueDate: '', status: 'open', origin, createdAt: 1, sdgs: [], dimension: '' }
    expect(validateCard(card).ok).toBe(valid)
  })

  const v3 = { id: 'c1', kind: 'card', boardId: 'b1', lane: 'action', text: 'Søke om midler', order: 'a0', owner: 'Kari', dueDate: '', status: 'open', origin: null, createdAt: 1, sdgs: [], dimension: '' }

  it.each([
    ['2026-02-30', '2026-02-28'],
    ['2026-02-31', '2026-02-28'],
    ['2028-02-30', '2028-02-29'],
    ['2026-06-31', '2026-06-30'],
    ['2026-02-28', '2026-02-28'],
    ['2026-12-31', '2026-12-31'],
    ['', ''],
  ])(`${cardVersions.CalendarDay}: CalendarDay moves a due date %s to %s, the last day of its month at the latest`, (dueDate, migrated) => {
    const up = migrateRecord(cardMigrations, { ...v3, dueDate }, cardVersions.AddOrigin)
    expect(up).toEqual({ ...v3, dueDate: migrated })
    expect(validateCard(up).ok).toBe(true)
  })

  it.each([
    ['2026-02-30', DUE_DATE_NOT_A_DAY],
    ['2027-02-29', DUE_DATE_NOT_A_DAY],
    ['2026-04-31', DUE_DATE_NOT_A_DAY],
    ['2026-13-01', 'must be a date YYYY-MM-DD'],
    ['30.02.2026', 'must be a date YYYY-MM-DD'],
  ])('refuses a card due %s, naming why', (dueDate, message) => {
    expect(validateCard({ ...v3, dueDate })).toEqual({ ok: false, error: `card.dueDate: ${message}` })
  })

  it.each(['', '2028-02-29', '2026-02-28', '2026-12-31'])('takes a card due %j', (dueDate) => {
    expect(validateCard({ ...v3, dueDate }).ok).toBe(true)
  })
})

// One record of each kind as version 1 (or the version before Bounded) wrote it.
const beforeBounded = {
  board: { id: 'b1', title: 'Tavle 1', order: 'a0', template: 'canvas', showHelp: true, linkedBoardId: '' },
  note: { id: 'n1', kind: 'note', boardId: 'b1', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: 'hei', createdAt: 1, sdgs: [], dimension: '' },
  stakeholderGroup: { id: 'g1', kind: 'stakeholderGroup', boardId: 'b1', name: '', preset: 'authorities', order: 'a0', createdAt: 1 },
  stakeholder: {
    id: 's1', kind: 'stakeholder', boardId: 'b1', groupId: '', name: 'Idrettsrådet', influence: 3, interest: 5, contactPerson: '', message: '',
    channel: '', frequency: '', x: 0, y: 0, levelNow: 0, levelWanted: 0, createdAt: 1, sdgs: [], dimension: '',
  },
  collaboration: {
    id: 'c1', kind: 'collaboration', boardId: 'b1', stakeholderId: 's1', goals: '', rolesAndResponsibility: '', funding: '', expectedResults: '',
    indicators: '', platforms: '', createdAt: 1,
  },
  card: { id: 'k1', kind: 'card', boardId: 'b1', lane: 'action', text: 'Søke', order: 'a0', owner: '', dueDate: '', status: 'open', createdAt: 1, sdgs: [], dimension: '' },
  connector: { id: 'x1', kind: 'connector', boardId: 'b1', from: { itemId: 'a' }, to: { x: 1, y: 2 }, relation: '', arrowhead: 'end', color: '#1d2320', createdAt: 1 },
  text: { id: 't1', kind: 'text', boardId: 'b1', x: 0, y: 0, w: 200, text: 'Overskrift', fontSize: 24, color: '#1d2320', createdAt: 1, sdgs: [], dimension: '' },
  shape: { id: 'h1', kind: 'shape', boardId: 'b1', shape: 'rect', x: 0, y: 0, w: 100, h: 50, fill: '', stroke: '#1d2320', text: '', createdAt: 1, sdgs: [], dimension: '' },
  stroke: { id: 'p1', kind: 'stroke', boardId: 'b1', x: 0, y: 0, points: [0, 0, 0.5], color: '#1d2320', size: 4, createdAt: 1 },
  image: { id: 'i1', kind: 'image', boardId: 'b1', x: 0, y: 0, w: 320, h: 240, hash: 'a'.repeat(64), mime: 'image/png', alt: '', createdAt: 1 },
} as const
type BoundedKind = keyof typeof beforeBounded
// The version each kind's Bounded step brings a record to: the current one, but for kinds with steps after it.
const boundedVersion = (kind: BoundedKind): number => (kind === 'card' ? cardVersions.Bounded : kind === 'stakeholder' ? stakeholderVersions.Bounded : recordMigrations[kind].currentVersion)
const validate = (kind: BoundedKind, record: object) => (kind === 'board' ? validateBoard(record) : validateItem(record))

describe('Bounded: every field bounded, nothing else kept', () => {
  it.each(Object.keys(beforeBounded) as BoundedKind[])('%s: drops fields the kind does not have and keeps the rest', (kind) => {
    const sequence = recordMigrations[kind as RecordKind]
    const record = { ...beforeBounded[kind], junk: 'x'.repeat(5000), secret: { nested: true } }
    const up = migrateRecord(sequence, record, boundedVersion(kind) - 1)
    // What the steps after Bounded add, they add to the clean record as well.
    expect(up).toEqual(migrateRecord(sequence, beforeBounded[kind], boundedVersion(kind)))
    expect(validate(kind, up)).toMatchObject({ ok: true })
    // The validator now refuses what the step dropped.
    expect(validate(kind, record).ok).toBe(false)
  })

  it.each(['board', 'card', 'stakeholderGroup'] as const)('%s: an order key too long or not a key is clamped to one that sorts where it did', (kind) => {
    const sequence = recordMigrations[kind]
    const long = 'a0' + 'V'.repeat(ORDER_MAX + 500)
    const up = migrateRecord(sequence, { ...beforeBounded[kind], order: long }, boundedVersion(kind) - 1)
    expect(up.order).toBe(long.slice(0, ORDER_MAX))
    expect(validate(kind, up)).toMatchObject({ ok: true })
    const broken = migrateRecord(sequence, { ...beforeBounded[kind], order: 'a0x0' }, boundedVersion(kind) - 1)
    expect(broken.order).toBe('a0x')
  })

  it('clampOrderKey: cuts trailing zeros a cut leaves, and makes a0 of what is no key at all', () => {
    expect(clampOrderKey('a0' + 'V'.repeat(ORDER_MAX - 3) + '00000')).toBe('a0' + 'V'.repeat(ORDER_MAX - 3))
    expect(clampOrderKey('not a key')).toBe('a0')
    expect(clampOrderKey(42)).toBe('a0')
    expect(clampOrderKey('a1V')).toBe('a1V')
  })

  it(`${workshopMetaVersions.Bounded}: workshopMeta keeps title, language and createdAt, and cuts a language at a subtag`, () => {
    const meta = { title: 'Dialog', language: 'nb', createdAt: 1, junk: 'x' }
    expect(migrateRecord(workshopMetaMigrations, meta, workshopMetaVersions.Initial)).toEqual({ title: 'Dialog', language: 'nb', createdAt: 1 })
    const long = migrateRecord(workshopMetaMigrations, { ...meta, language: 'nb-NO' + '-abcdefgh'.repeat(10) }, workshopMetaVersions.Initial)
    expect(long.language).toBe('nb-NO-abcdefgh-abcdefgh-abcdefgh')
    expect(validateWorkshopMeta(long).ok).toBe(true)
    expect(migrateRecord(workshopMetaMigrations, { ...meta, language: '💥' }, workshopMetaVersions.Initial).language).toBe('nb')
  })
})

describe('createMigrationSequence', () => {
  it('numbers steps by kind and version', () => {
    const seq = createMigrationSequence('thing', [
      { version: 2, up: (r) => ({ ...r, a: 1 }) },
      { version: 3, up: (r) => ({ ...r, b: 2 }) },
    ])
    expect(seq.currentVersion).toBe(3)
    expect(seq.steps.map((s) => s.id)).toEqual(['thing/2', 'thing/3'])
    expect(migrateRecord(seq, {}, 1)).toEqual({ a: 1, b: 2 })
    expect(migrateRecord(seq, {}, 2)).toEqual({ b: 2 })
  })

  it.each([[[3]], [[2, 2]], [[1]]])('rejects versions %j that do not ascend by one from 1', (versions) => {
    expect(() => createMigrationSequence('x', versions.map((version) => ({ version, up: (r) => r })))).toThrow()
  })
})

// Guard: every registered migration step must have run in this file. Add an up test for a new step
// above, or this fails.
describe('guard', () => {
  it('every migration step was exercised', () => {
    const all = Object.values(recordMigrations).flatMap((seq) => seq.steps.map((s) => s.id))
    expect(all.filter((id) => !ran.has(id))).toEqual([])
  })
})
