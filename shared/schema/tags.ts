import * as v from 'valibot'

/**
 * Tags any card or note can carry: UN Sustainable Development Goals (1–17) and one of the three
 * dimensions of sustainability. Stored as plain values on the record (last writer wins per field).
 */
export const sustainabilityDimensions = ['social', 'environmental', 'economic'] as const
export type SustainabilityDimension = (typeof sustainabilityDimensions)[number]

export interface Tagged {
  /** SDG numbers, ascending, no duplicates. */
  sdgs: number[]
  /** '' when untagged. */
  dimension: SustainabilityDimension | ''
}

export const sdgsSchema = v.pipe(
  v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(17))),
  v.maxLength(17),
  v.check((list) => list.every((n, i) => i === 0 || n > list[i - 1]!), 'must be ascending without duplicates'),
)
export const dimensionSchema = v.picklist([...sustainabilityDimensions, ''] as const)

export const taggedEntries = { sdgs: sdgsSchema, dimension: dimensionSchema }

/** The defaults a migration gives records written before they could be tagged. */
export const untagged: Tagged = { sdgs: [], dimension: '' }
