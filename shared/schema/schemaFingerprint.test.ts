import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { recordMigrations, type RecordKind } from './schema'
import {
  addFingerprints,
  checkFingerprints,
  currentFingerprints,
  describeSchema,
  explainFingerprintProblem,
  fingerprintSchema,
  recordSchemas,
  type SchemaFingerprints,
} from './schemaFingerprint'
import storedJson from './schemaFingerprints.json'

const stored = storedJson as unknown as SchemaFingerprints
/** Today's fingerprints, for the cases that check the checker (so they pass or fail on their own). */
const today = (): SchemaFingerprints => addFingerprints({}).next

describe('schema fingerprints (shared/schema/schemaFingerprints.json)', () => {
  it.each(currentFingerprints().map(({ kind, version }) => [kind, version] as const))(
    '%s v%i: the validator is the one fingerprinted for its version',
    (kind, version) => {
      const problems = checkFingerprints(stored).filter((problem) => problem.kind === kind)
      for (const problem of problems) {
        const explanation = explainFingerprintProblem(problem)
        // Show what changed, field by field, under the explanation.
        if (problem.problem === 'changed') expect(problem.current.schema, explanation).toEqual(problem.stored.schema)
        expect.fail(explanation)
      }
      expect(stored[kind]?.[String(version)]?.sha256).toMatch(/^[0-9a-f]{64}$/)
    },
  )

  it('covers every record kind, and only those', () => {
    expect(Object.keys(recordSchemas).sort()).toEqual(Object.keys(recordMigrations).sort())
    expect(Object.keys(stored).sort()).toEqual(Object.keys(recordMigrations).sort())
  })

  it('names a current version without a fingerprint', () => {
    const withoutNote: SchemaFingerprints = { ...today(), note: {} }
    const problems = checkFingerprints(withoutNote)
    expect(problems).toEqual([{ kind: 'note', version: recordMigrations.note.currentVersion, problem: 'missing' }])
    expect(explainFingerprintProblem(problems[0]!)).toContain('npm run schema:fingerprint')
  })

  it('names a validator that changed without a new version, and says to add a version and a migration step', () => {
    const version = String(recordMigrations.board.currentVersion)
    const tampered: SchemaFingerprints = { ...today(), board: { [version]: fingerprintSchema(v.object({ id: v.string() })) } }
    const problems = checkFingerprints(tampered)
    expect(problems.map((problem) => [problem.kind, problem.problem])).toEqual([['board', 'changed']])
    const message = explainFingerprintProblem(problems[0]!)
    expect(message).toContain(`board v${version}'s validator changed`)
    expect(message).toMatch(/add a new version .* and a migration step/)
  })

  it('names a stored version newer than the code', () => {
    const version = recordMigrations.card.currentVersion
    const ahead: SchemaFingerprints = { ...today(), card: { ...today().card, '9': today().card![String(version)]! } }
    expect(checkFingerprints(ahead)).toEqual([{ kind: 'card', version, problem: 'newerStored', storedVersion: 9 }])
  })
})

describe('addFingerprints (npm run schema:fingerprint)', () => {
  it('adds the missing current versions and keeps the older ones', () => {
    const old = { sha256: 'a'.repeat(64), schema: { type: 'object', entries: {} } }
    const { next, added, refused } = addFingerprints({ note: { '1': old } })
    expect(refused).toEqual([])
    expect(added).toHaveLength(Object.keys(recordMigrations).length)
    expect(next.note!['1']).toEqual(old)
    expect(next.note![String(recordMigrations.note.currentVersion)]).toEqual(fingerprintSchema(recordSchemas.note))
    expect(checkFingerprints(next)).toEqual([])
  })

  it('refuses to overwrite a version whose validator changed, and adds nothing for it', () => {
    const wrong = fingerprintSchema(v.object({ other: v.number() }))
    const current = String(recordMigrations.note.currentVersion)
    const { next, refused } = addFingerprints({ ...today(), note: { [current]: wrong } })
    expect(refused.map((problem) => `${problem.kind}:${problem.problem}`)).toEqual(['note:changed'])
    expect(next.note![current]).toEqual(wrong)
  })

  it('leaves the committed file as it is: nothing to add', () => {
    const { next, added, refused } = addFingerprints(stored)
    expect({ added, refused }).toEqual({ added: [], refused: [] })
    expect(next).toEqual(stored)
  })
})

describe('describeSchema', () => {
  const hash = (schema: v.GenericSchema) => fingerprintSchema(schema).sha256
  const base = () => v.object({ text: v.pipe(v.string(), v.maxLength(80, 'at most 80')), n: v.pipe(v.number(), v.minValue(0)) })

  it.each<[string, () => v.GenericSchema]>([
    ['a bound', () => v.object({ text: v.pipe(v.string(), v.maxLength(81, 'at most 80')), n: v.pipe(v.number(), v.minValue(0)) })],
    ['an added field', () => v.object({ ...base().entries, extra: v.string() })],
    ['an added optional field', () => v.object({ ...base().entries, extra: v.optional(v.string()) })],
    ['an optional default', () => v.object({ ...base().entries, n: v.optional(v.pipe(v.number(), v.minValue(0)), 1) })],
    ['a dropped action', () => v.object({ text: v.string(), n: v.pipe(v.number(), v.minValue(0)) })],
    ['a type', () => v.object({ text: v.pipe(v.string(), v.maxLength(80, 'at most 80')), n: v.pipe(v.string(), v.minLength(0)) })],
    ['strict instead of loose', () => v.strictObject(base().entries)],
    ['a check, by its message', () => v.object({ ...base().entries, n: v.pipe(v.number(), v.minValue(0), v.check((n) => n > 0, 'positive')) })],
  ])('a changed schema has another fingerprint: %s', (_change, changed) => {
    expect(hash(changed())).not.toBe(hash(base()))
  })

  it.each<[string, () => v.GenericSchema]>([
    ['reworded messages', () => v.object({ text: v.pipe(v.string(), v.maxLength(80, 'no more than 80')), n: v.pipe(v.number(), v.minValue(0, 'not negative')) })],
    ['entries in another order', () => v.object({ n: v.pipe(v.number(), v.minValue(0)), text: v.pipe(v.string(), v.maxLength(80)) })],
    ['a nested pipe', () => v.object({ text: v.pipe(v.pipe(v.string()), v.maxLength(80)), n: v.pipe(v.pipe(v.number()), v.minValue(0)) })],
  ])('an equivalent schema has the same fingerprint: %s', (_change, same) => {
    expect(hash(same())).toBe(hash(base()))
  })

  it('sorts picklist options, keeps regexes with their flags and literal values', () => {
    expect(describeSchema(v.picklist(['b', 'a']))).toEqual({ type: 'picklist', options: ['a', 'b'] })
    expect(describeSchema(v.pipe(v.string(), v.regex(/^x$/i)))).toEqual({ type: 'string', pipe: [{ kind: 'validation', type: 'regex', requirement: '/^x$/i' }] })
    expect(describeSchema(v.literal(''))).toEqual({ type: 'literal', literal: '' })
  })

  it('refuses a schema type it has no rule for, naming where it is', () => {
    expect(() => describeSchema(v.object({ a: v.object({ b: v.lazy(() => v.string()) }) }))).toThrow(/'lazy' at a\.b/)
  })

  it('fingerprints every kind today (no unknown construct in any validator)', () => {
    for (const kind of Object.keys(recordSchemas) as RecordKind[]) expect(() => describeSchema(recordSchemas[kind])).not.toThrow()
  })
})
