import { describe, expect, it } from 'vitest'
import { compareSchema, currentSchema, encodeSchemaVersions, parseSchemaVersions, recordMigrations } from './schema'

describe('schema versions on the wire', () => {
  it('round-trips the current schema', () => {
    expect(parseSchemaVersions(encodeSchemaVersions(currentSchema))).toEqual(currentSchema)
  })

  it('names every kind at the version its migrations end at (versions.ts)', () => {
    // currentSchema is read from the version ids so the phone need not load the migrations;
    // a step added without its id (or an id without its step) shows here.
    const fromMigrations = Object.fromEntries(Object.entries(recordMigrations).map(([kind, sequence]) => [kind, sequence.currentVersion]))
    expect(currentSchema).toEqual(fromMigrations)
  })

  it('encodes sorted by kind', () => {
    expect(encodeSchemaVersions({ note: 1, board: 2 })).toBe('board:2,note:1')
  })

  it.each(['', 'board', 'board:0', 'board:x', 'board:2,,note:1', '1board:2', `a:${'9'.repeat(7)}`, 'x:1,'.repeat(200)])(
    'rejects %j',
    (text) => {
      expect(parseSchemaVersions(text)).toBeNull()
    },
  )
})

describe('compareSchema', () => {
  const server = { board: 2, note: 1 }
  it.each([
    [{ board: 2, note: 1 }, 'compatible'],
    [{ board: 1, note: 1 }, 'clientTooOld'],
    [{ board: 2 }, 'clientTooOld'],
    [{ board: 3, note: 1 }, 'clientTooNew'],
    [{ board: 2, note: 1, stakeholder: 1 }, 'clientTooNew'],
    [{ board: 1, note: 2 }, 'clientTooNew'],
  ] as const)('client %j -> %s', (client, expected) => {
    expect(compareSchema(client, server)).toBe(expected)
  })
})
