/** Workshops this browser has opened, newest first. Kept only in localStorage: no account needed. */
export interface RecentWorkshop {
  id: string
  title: string
  lastOpened: number
}

const STORAGE_KEY = 'samskap.recent'
const MAX_RECENT = 20

/** Puts a workshop first (or refreshes it), keeping the list short. */
export function rememberWorkshop(list: readonly RecentWorkshop[], entry: RecentWorkshop): RecentWorkshop[] {
  return [entry, ...list.filter((w) => w.id !== entry.id)].slice(0, MAX_RECENT)
}

export function forgetWorkshop(list: readonly RecentWorkshop[], id: string): RecentWorkshop[] {
  return list.filter((w) => w.id !== id)
}

/** Storage is shared with other tabs and older versions: keep only entries that make sense. */
export function parseRecent(raw: string | null): RecentWorkshop[] {
  if (!raw) return []
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    return []
  }
  if (!Array.isArray(data)) return []
  return data
    .filter(
      (w): w is RecentWorkshop =>
        typeof w === 'object' &&
        w !== null &&
        typeof w.id === 'string' &&
        typeof w.title === 'string' &&
        typeof w.lastOpened === 'number' &&
        Number.isFinite(w.lastOpened),
    )
    .slice(0, MAX_RECENT)
}

export function loadRecent(): RecentWorkshop[] {
  try {
    return parseRecent(localStorage.getItem(STORAGE_KEY))
  } catch {
    return []
  }
}

export function saveRecent(list: readonly RecentWorkshop[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(list))
  } catch {
    // Private mode or full storage: the list is a convenience, not data.
  }
}
