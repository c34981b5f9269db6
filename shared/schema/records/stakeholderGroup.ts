import * as v from 'valibot'
import { createMigrationSequence, pickFields } from '../Migration'
import { clampOrderKey, finiteNumber, idSchema, orderSchema, validateWith, type ValidationResult } from '../validation'

/** A zone on a stakeholder map (interessentkart): one group of stakeholders. */
export interface StakeholderGroupRecord {
  id: string
  kind: 'stakeholderGroup'
  boardId: string
  /**
   * The facilitator's name for the group. '' means "use the preset's translated label", so a
   * default group reads "Myndigheter" in nb and "Authorities" in en until someone renames it.
   */
  name: string
  preset: StakeholderGroupPreset | ''
  /** Fractional index: zones are laid out in this order. */
  order: string
  createdAt: number
}

/** The groups the source texts name, plus knowledge institutions (DOMAIN.md). */
export const stakeholderGroupPresets = ['authorities', 'community', 'operatingUnits', 'privateSector', 'knowledge'] as const
export type StakeholderGroupPreset = (typeof stakeholderGroupPresets)[number]

export const GROUP_NAME_MAX = 60

export const stakeholderGroupVersions = {
  Initial: 1,
  /**
   * Checked by the server on every update: no fields but these (unknown ones dropped), and `order`
   * a fractional index of at most ORDER_MAX characters (clamped).
   */
  Bounded: 2,
} as const
export const stakeholderGroupMigrations = createMigrationSequence('stakeholderGroup', [
  { version: stakeholderGroupVersions.Bounded, up: (record) => ({ ...pickFields(record, ['id', 'kind', 'boardId', 'name', 'preset', 'order', 'createdAt']), order: clampOrderKey(record.order) }) },
])

const schema = v.strictObject({
  id: idSchema,
  kind: v.literal('stakeholderGroup'),
  boardId: idSchema,
  name: v.pipe(v.string(), v.maxLength(GROUP_NAME_MAX, `at most ${GROUP_NAME_MAX} characters`)),
  preset: v.picklist([...stakeholderGroupPresets, ''] as const),
  order: orderSchema,
  createdAt: finiteNumber,
})

export function validateStakeholderGroup(input: unknown): ValidationResult<StakeholderGroupRecord> {
  return validateWith(schema, 'stakeholderGroup', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { schema as stakeholderGroupSchema }
