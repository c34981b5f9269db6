import * as v from 'valibot'
import { createMigrationSequence, pickFields } from '../Migration'
import { finiteNumber, idSchema, validateWith, type ValidationResult } from '../validation'

/**
 * A line between two ends. An end bound to an item follows it when the item moves (it stores the
 * item's id, not a position); a free end is a point. On a challenge board, connectors between cards
 * carry a relation: a solution `answers` a challenge, an action `carriesOut` a solution.
 */
export interface ConnectorRecord {
  id: string
  kind: 'connector'
  boardId: string
  from: ConnectorEnd
  to: ConnectorEnd
  relation: ConnectorRelation
  arrowhead: 'none' | 'end' | 'both'
  color: string
  createdAt: number
}

export type ConnectorEnd = { itemId: string } | { x: number; y: number }
export const connectorRelations = ['', 'answers', 'carriesOut'] as const
export type ConnectorRelation = (typeof connectorRelations)[number]

export const connectorVersions = {
  Initial: 1,
  /**
   * Checked by the server on every update: no fields but these (unknown ones dropped).
   */
  Bounded: 2,
} as const
export const connectorMigrations = createMigrationSequence('connector', [
  { version: connectorVersions.Bounded, up: (record) => pickFields(record, ['id', 'kind', 'boardId', 'from', 'to', 'relation', 'arrowhead', 'color', 'createdAt']) },
])

const end = v.union([v.strictObject({ itemId: idSchema }), v.strictObject({ x: finiteNumber, y: finiteNumber })])
export const colorSchema = v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour'))

const schema = v.strictObject({
  id: idSchema,
  kind: v.literal('connector'),
  boardId: idSchema,
  from: end,
  to: end,
  relation: v.picklist(connectorRelations),
  arrowhead: v.picklist(['none', 'end', 'both']),
  color: colorSchema,
  createdAt: finiteNumber,
})

export function validateConnector(input: unknown): ValidationResult<ConnectorRecord> {
  return validateWith(schema, 'connector', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { schema as connectorSchema }
