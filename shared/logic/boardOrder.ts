import { generateKeyBetween } from 'fractional-indexing'
import { sortByOrder, type Ordered } from './sortByOrder'

export { sortByOrder, type Ordered } from './sortByOrder'

/** Index for a record appended after all others. */
export function orderAtEnd(records: readonly Ordered[]): string {
  const sorted = sortByOrder(records)
  return generateKeyBetween(sorted.at(-1)?.order ?? null, null)
}

/**
 * Plans moving `id` so that it ends at position `toIndex` of the sorted list. Returns the new
 * order for that one record, or null when it is already there. Only the moved record changes.
 */
export function planReorder(records: readonly Ordered[], id: string, toIndex: number): string | null {
  const sorted = sortByOrder(records)
  const from = sorted.findIndex((r) => r.id === id)
  if (from === -1) return null
  const target = Math.max(0, Math.min(sorted.length - 1, Math.trunc(toIndex)))
  if (target === from) return null
  const others = sorted.filter((r) => r.id !== id)
  const before = others[target - 1]?.order ?? null
  const after = others[target]?.order ?? null
  // Two records with equal indexes (concurrent offline inserts) cannot have a key between them.
  if (before !== null && after !== null && before >= after) {
    return generateKeyBetween(before, null)
  }
  return generateKeyBetween(before, after)
}
