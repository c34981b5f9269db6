/**
 * A list of records kept as JSON in localStorage. Storage is shared with other tabs and older
 * versions, so reading keeps only the entries `isEntry` accepts; and storage may be missing (private
 * mode) or full, so reading then gives [] and writing does nothing: such lists are conveniences.
 */

/** The entries of `raw` (a JSON array) that `isEntry` accepts; [] for anything else. */
export function parseStoredList<T>(raw: string | null, isEntry: (value: unknown) => value is T): T[] {
  if (!raw) return []
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    return []
  }
  if (!Array.isArray(data)) return []
  return data.filter(isEntry)
}

/** What `parse` makes of the stored value under `key`; [] when storage cannot be read. */
export function loadStoredList<T>(key: string, parse: (raw: string | null) => T[]): T[] {
  try {
    return parse(localStorage.getItem(key))
  } catch {
    return []
  }
}

/** Stores `list` under `key`; false when storage refused it (private mode or full). */
export function saveStoredList<T>(key: string, list: readonly T[]): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(list))
    return true
  } catch {
    return false
  }
}
