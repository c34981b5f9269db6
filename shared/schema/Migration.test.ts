import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMigrationSequence, migrateRecord, setMigrationStepListener } from './Migration'
import { boardMigrations, boardVersions, validateBoard } from './records/board'
import { cardMigrations, cardVersions, validateCard } from './records/card'
import { noteMigrations, noteVersions, validateNote } from './records/note'
import { recordMigrations } from './schema'

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

describe('card migrations', () => {
  it(`${cardVersions.AddOrigin}: AddOrigin says old cards were made where they are`, () => {
    const v1 = {
      id: 'c1', kind: 'card', boardId: 'b1', lane: 'action', text: 'Ring rektor', order: 'a0', owner: 'Kari', dueDate: '', status: 'open', createdAt: 1, sdgs: [], dimension: '',
    }
    const up = migrateRecord(cardMigrations, v1, cardVersions.Initial)
    expect(up).toEqual({ ...v1, origin: null })
    expect(validateCard(up).ok).toBe(true)
  })

  it.each([
    [{ workshopId: 'w1', cardId: 'c9' }, true],
    [null, true],
    [{ workshopId: 'w1' }, false],
    [{ workshopId: 'w 1', cardId: 'c9' }, false],
    [{ workshopId: 'w1', cardId: 'c9', extra: 1 }, false],
  ])('an origin %j is valid: %s', (origin, valid) => {
    const card = { id: 'c1', kind: 'card', boardId: 'b1', lane: 'action', text: '', order: 'a0', owner: '', dueDate: '', status: 'open', origin, createdAt: 1, sdgs: [], dimension: '' }
    expect(validateCard(card).ok).toBe(valid)
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
