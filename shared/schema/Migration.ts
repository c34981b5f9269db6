/**
 * Versioned migration steps for one record kind. Steps are pure: a plain record in, a plain record
 * out. The document-level runner (shared/doc/migrateWorkshop.ts) applies them to Yjs maps.
 */
export type PlainRecord = Record<string, unknown>

export interface MigrationStep {
  /** Unique id, `<kind>/<version>`; the guard test checks every id was exercised. */
  readonly id: string
  /** The version a record has after this step. Steps run in ascending order. */
  readonly version: number
  readonly up: (record: PlainRecord) => PlainRecord
}

export interface MigrationSequence {
  readonly kind: string
  /** Current version: the version after the last step, or 1 when there are no steps. */
  readonly currentVersion: number
  readonly steps: readonly MigrationStep[]
}

// Pure: a page that imports a record file for its validator or version ids leaves its migrations out.
/* @__NO_SIDE_EFFECTS__ */
export function createMigrationSequence(
  kind: string,
  steps: readonly Omit<MigrationStep, 'id'>[],
): MigrationSequence {
  let previous = 1
  const withIds = steps.map((step) => {
    if (step.version !== previous + 1) {
      throw new Error(`${kind}: migration versions must ascend by one (got ${step.version} after ${previous})`)
    }
    previous = step.version
    return { ...step, id: `${kind}/${step.version}` }
  })
  return { kind, currentVersion: previous, steps: withIds }
}

/** Called with the id of every step that runs; tests use it to prove each step was exercised. */
let onStepRun: ((id: string) => void) | undefined
export function setMigrationStepListener(listener: ((id: string) => void) | undefined): void {
  onStepRun = listener
}

/** Runs every step after `fromVersion`. Throws if the record is from a newer schema. */
export function migrateRecord(sequence: MigrationSequence, record: PlainRecord, fromVersion: number): PlainRecord {
  if (fromVersion > sequence.currentVersion) {
    throw new Error(`${sequence.kind}: record version ${fromVersion} is newer than this code (${sequence.currentVersion})`)
  }
  let result = record
  for (const step of sequence.steps) {
    if (step.version <= fromVersion) continue
    result = step.up(result)
    onStepRun?.(step.id)
  }
  return result
}

/**
 * The fields of `record` named in `keys`, nothing else: for the steps that made a kind's validator
 * strict (a field it does not know is refused, so a record cannot carry a megabyte beside its
 * fields). Each step lists its kind's fields as they were then, so a later version's changes do not
 * reach back into it.
 */
export function pickFields(record: PlainRecord, keys: readonly string[]): PlainRecord {
  const picked: PlainRecord = {}
  for (const key of keys) if (Object.hasOwn(record, key)) picked[key] = record[key]
  return picked
}
