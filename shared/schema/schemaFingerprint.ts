import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex } from '@noble/hashes/utils'
import * as v from 'valibot'
import { boardSchema } from './records/board'
import { cardSchema } from './records/card'
import { collaborationSchema } from './records/collaboration'
import { connectorSchema } from './records/connector'
import { imageSchema } from './records/image'
import { noteSchema } from './records/note'
import { sessionFieldSchemas } from './records/sessionHistory'
import { shapeSchema } from './records/shape'
import { stakeholderSchema } from './records/stakeholder'
import { stakeholderGroupSchema } from './records/stakeholderGroup'
import { strokeSchema } from './records/stroke'
import { textSchema } from './records/text'
import { workshopMetaSchema } from './records/workshopMeta'
import { recordMigrations, type RecordKind } from './schema'

/**
 * Schema fingerprints: a canonical description of each record kind's validator, hashed, kept per
 * kind and version in `schemaFingerprints.json`. A validator that changes without a new version
 * lets a new server read (or refuse) stored records differently from the old one without any
 * migration running; the fingerprint test fails when that happens (docs/schema.md).
 */

/** The valibot schema behind each kind's validator; the session is its fields side by side. */
export const recordSchemas: Record<RecordKind, v.GenericSchema> = {
  workshopMeta: workshopMetaSchema,
  board: boardSchema,
  note: noteSchema,
  stakeholderGroup: stakeholderGroupSchema,
  stakeholder: stakeholderSchema,
  collaboration: collaborationSchema,
  card: cardSchema,
  connector: connectorSchema,
  text: textSchema,
  shape: shapeSchema,
  stroke: strokeSchema,
  image: imageSchema,
  session: v.object(sessionFieldSchemas),
}

/** A JSON value describing a schema: what it accepts, not how it is written or what it says. */
export type SchemaDescription = null | boolean | number | string | SchemaDescription[] | { [key: string]: SchemaDescription }

interface SchemaNode {
  kind: 'schema'
  type: string
  pipe?: readonly PipeItem[]
  entries?: Record<string, SchemaNode>
  rest?: SchemaNode
  item?: SchemaNode
  items?: readonly SchemaNode[]
  key?: SchemaNode | string
  value?: SchemaNode
  options?: readonly unknown[]
  wrapped?: SchemaNode
  default?: unknown
  literal?: unknown
}

interface PipeItem {
  kind: string
  type: string
  requirement?: unknown
  message?: unknown
}

/** Types whose only content is their type name (v.string(), v.number(), …). */
const plainTypes = new Set(['string', 'number', 'boolean', 'bigint', 'null', 'undefined', 'unknown', 'any', 'never', 'date', 'nan', 'void', 'symbol'])
/** Wrappers: the wrapped schema and a default. */
const wrapperTypes = new Set(['optional', 'exact_optional', 'nullable', 'nullish', 'non_optional', 'non_nullable', 'non_nullish', 'undefinedable'])
/** Objects by their entries; `object` and `loose_object` differ in what they do with unknown keys, so the type stays in. */
const objectTypes = new Set(['object', 'strict_object', 'loose_object', 'object_with_rest'])

/**
 * Walks a valibot schema into a canonical description: types, object entries (sorted), optional
 * and nullable wrappers with their defaults, literal values, picklist options (sorted), unions and
 * variants, and pipes flattened (`pipe(pipe(number, finite), minValue(0))` is `number` with
 * `finite, min_value 0`) with each action's type and requirement. Messages are left out (rewording
 * one is not a schema change), except for actions whose requirement is a function (`check`), which
 * are named by their message since a function's source is not stable across compilers.
 * Throws on a schema type it has no rule for, so a new construct is never fingerprinted as nothing.
 */
export function describeSchema(schema: v.GenericSchema): SchemaDescription {
  return describeNode(schema as unknown as SchemaNode, [])
}

function describeNode(node: SchemaNode, path: readonly string[]): SchemaDescription {
  if (node.kind !== 'schema') throw new Error(`describeSchema: ${where(path)} is a ${String(node.kind)}, not a schema`)
  const actions: SchemaDescription[] = []
  let base = node
  // A piped schema's pipe starts with the schema itself (without its pipe); flatten nested pipes.
  while (base.pipe) {
    const [first, ...rest] = base.pipe
    actions.unshift(...rest.map((item, i) => describePipeItem(item, [...path, `pipe[${i}]`])))
    base = first as SchemaNode
  }
  const description = describeBase(base, path)
  return actions.length > 0 ? { ...(description as Record<string, SchemaDescription>), pipe: actions } : description
}

function describeBase(node: SchemaNode, path: readonly string[]): SchemaDescription {
  const type = node.type
  if (plainTypes.has(type)) return { type }
  if (objectTypes.has(type)) {
    const entries: Record<string, SchemaDescription> = {}
    for (const key of Object.keys(node.entries ?? {}).sort()) entries[key] = describeNode(node.entries![key]!, [...path, key])
    return { type, entries, ...(node.rest ? { rest: describeNode(node.rest, [...path, '(rest)']) } : {}) }
  }
  if (wrapperTypes.has(type)) {
    return { type, wrapped: describeNode(node.wrapped!, path), ...(node.default !== undefined ? { default: describeValue(node.default) } : {}) }
  }
  switch (type) {
    case 'literal':
      return { type, literal: describeValue(node.literal) }
    case 'picklist':
      return { type, options: [...(node.options ?? [])].map(describeValue).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) }
    case 'union':
      return { type, options: (node.options as SchemaNode[]).map((option, i) => describeNode(option, [...path, `union[${i}]`])) }
    case 'variant':
      return { type, key: String(node.key), options: (node.options as SchemaNode[]).map((option, i) => describeNode(option, [...path, `variant[${i}]`])) }
    case 'array':
      return { type, item: describeNode(node.item!, [...path, '[]']) }
    case 'tuple':
    case 'strict_tuple':
    case 'loose_tuple':
      return { type, items: (node.items ?? []).map((item, i) => describeNode(item, [...path, `[${i}]`])) }
    case 'record':
      return { type, key: describeNode(node.key as SchemaNode, [...path, '(key)']), value: describeNode(node.value!, [...path, '(value)']) }
    default:
      throw new Error(`describeSchema: no rule for valibot schema type '${type}' at ${where(path)}; add one in shared/schema/schemaFingerprint.ts`)
  }
}

function describePipeItem(item: PipeItem, path: readonly string[]): SchemaDescription {
  if (item.kind === 'schema') return { schema: describeNode(item as unknown as SchemaNode, path) }
  const requirement = item.requirement
  if (typeof requirement === 'function') {
    return { kind: item.kind, type: item.type, named: typeof item.message === 'string' ? item.message : '(no message)' }
  }
  return { kind: item.kind, type: item.type, ...(requirement !== undefined ? { requirement: describeValue(requirement) } : {}) }
}

function describeValue(value: unknown): SchemaDescription {
  if (value instanceof RegExp) return `/${value.source}/${value.flags}`
  if (typeof value === 'function') return '(function)'
  if (value === undefined) return '(undefined)'
  if (typeof value === 'bigint') return `${value}n`
  if (Array.isArray(value)) return value.map(describeValue)
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, SchemaDescription> = {}
    for (const key of Object.keys(value).sort()) out[key] = describeValue((value as Record<string, unknown>)[key])
    return out
  }
  return value as SchemaDescription
}

function where(path: readonly string[]): string {
  return path.length > 0 ? path.join('.') : '(root)'
}

/** Canonical JSON: object keys sorted at every level, so the hash depends only on content. */
export function canonicalJson(value: SchemaDescription): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

export interface SchemaFingerprint {
  /** Hex SHA-256 of the canonical JSON of `schema`. */
  sha256: string
  /** The description that was hashed, kept so a failing test can show what changed. */
  schema: SchemaDescription
}

/** Fingerprints by kind, then version (as a string: JSON keys). */
export type SchemaFingerprints = Record<string, Record<string, SchemaFingerprint>>

export function fingerprintSchema(schema: v.GenericSchema): SchemaFingerprint {
  const description = describeSchema(schema)
  return { sha256: bytesToHex(sha256(new TextEncoder().encode(canonicalJson(description)))), schema: description }
}

/** Every kind's current version and the fingerprint of its validator today. */
export function currentFingerprints(): { kind: RecordKind; version: number; fingerprint: SchemaFingerprint }[] {
  return (Object.keys(recordMigrations) as RecordKind[]).map((kind) => ({
    kind,
    version: recordMigrations[kind].currentVersion,
    fingerprint: fingerprintSchema(recordSchemas[kind]),
  }))
}

export type FingerprintProblem =
  | { kind: string; version: number; problem: 'missing' }
  | { kind: string; version: number; problem: 'changed'; stored: SchemaFingerprint; current: SchemaFingerprint }
  | { kind: string; version: number; problem: 'newerStored'; storedVersion: number }

/**
 * What is wrong between the stored fingerprints and today's validators: a current version with no
 * fingerprint, a current version whose validator no longer matches its fingerprint, or a stored
 * version newer than the code (a version was taken back).
 */
export function checkFingerprints(stored: SchemaFingerprints): FingerprintProblem[] {
  const problems: FingerprintProblem[] = []
  for (const { kind, version, fingerprint } of currentFingerprints()) {
    const versions = stored[kind] ?? {}
    const saved = versions[String(version)]
    if (!saved) problems.push({ kind, version, problem: 'missing' })
    else if (saved.sha256 !== fingerprint.sha256 || canonicalJson(saved.schema) !== canonicalJson(fingerprint.schema)) {
      problems.push({ kind, version, problem: 'changed', stored: saved, current: fingerprint })
    }
    const newest = Math.max(0, ...Object.keys(versions).map(Number))
    if (newest > version) problems.push({ kind, version, problem: 'newerStored', storedVersion: newest })
  }
  return problems
}

/** One sentence per problem, saying what to do. */
export function explainFingerprintProblem(problem: FingerprintProblem): string {
  switch (problem.problem) {
    case 'missing':
      return `${problem.kind} v${problem.version} has no fingerprint: run \`npm run schema:fingerprint\` and commit shared/schema/schemaFingerprints.json.`
    case 'changed':
      return (
        `${problem.kind} v${problem.version}'s validator changed since its fingerprint was taken ` +
        `(${problem.stored.sha256.slice(0, 12)} -> ${problem.current.sha256.slice(0, 12)}). Stored records of v${problem.version} ` +
        `would be read by the new rules with no migration: add a new version to the kind's versions and a migration step ` +
        `(shared/schema/records/${problem.kind}.ts, with its up test), then run \`npm run schema:fingerprint\`. ` +
        `If the change really accepts exactly the same records, say why in the commit and replace the fingerprint by hand.`
      )
    case 'newerStored':
      return `${problem.kind} has a fingerprint for v${problem.storedVersion} but the code is at v${problem.version}: a version was taken back; versions only go up.`
    default:
      return assertNever(problem)
  }
}

/**
 * Adds the fingerprint of every current version that has none; never replaces one. Returns the
 * new table, what was added, and what it refused (a current version whose validator changed).
 */
export function addFingerprints(stored: SchemaFingerprints): { next: SchemaFingerprints; added: string[]; refused: FingerprintProblem[] } {
  const next: SchemaFingerprints = structuredClone(stored)
  const added: string[] = []
  const refused = checkFingerprints(stored).filter((problem) => problem.problem !== 'missing')
  for (const { kind, version, fingerprint } of currentFingerprints()) {
    const versions = (next[kind] ??= {})
    if (versions[String(version)]) continue
    versions[String(version)] = fingerprint
    added.push(`${kind} v${version}`)
  }
  // Keys in order (kinds by name, versions ascending), so the file diffs cleanly.
  const sorted: SchemaFingerprints = {}
  for (const kind of Object.keys(next).sort()) {
    sorted[kind] = {}
    for (const version of Object.keys(next[kind]!).sort((a, b) => Number(a) - Number(b))) sorted[kind][version] = next[kind]![version]!
  }
  return { next: sorted, added, refused }
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`)
}
