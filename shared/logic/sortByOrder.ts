/**
 * Reading boards in order, apart from boardOrder.ts (which makes new indexes with fractional-indexing)
 * so the phone, which only reads, does not download the index maker.
 */

/** What ordering needs of a board: its id and fractional index. */
export interface Ordered {
  id: string
  order: string
}

/** Sorted by fractional index; two boards given the same index offline fall back to id order. */
export function sortByOrder<T extends Ordered>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (a.order === b.order ? compare(a.id, b.id) : compare(a.order, b.order)))
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
