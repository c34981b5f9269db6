import { loadStoredList, parseStoredList, saveStoredList } from '../lib/storedList'

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
  return parseStoredList(
    raw,
    (w): w is RecentWorkshop =>
      typeof w === 'object' &&
      w !== null &&
      'id' in w &&
      typeof w.id === 'string' &&
      'title' in w &&
      typeof w.title === 'string' &&
      'lastOpened' in w &&
      typeof w.lastOpened === 'number' &&
      Number.isFinite(w.lastOpened),
  ).slice(0, MAX_RECENT)
}

export function loadRecent(): RecentWorkshop[] {
  return loadStoredList(STORAGE_KEY, parseRecent)
}

export function saveRecent(list: readonly RecentWorkshop[]): void {
  // Private mode or full storage: the list is a convenience, not data.
  saveStoredList(STORAGE_KEY, list)
}
