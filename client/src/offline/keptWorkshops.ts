import { loadStoredList, parseStoredList, saveStoredList } from '../lib/storedList'

/**
 * Workshops the person asked to keep available with no network ("Hold tilgjengelig uten nett").
 * The document itself is kept by y-indexeddb for every opened workshop; this list says which
 * ones should also have every photo cached, and how far that got. Kept only in localStorage.
 */
export interface KeptWorkshop {
  id: string
  keptAt: number
  /** Photos cached on this device at the last check, of `imageTotal` in the workshop. */
  imagesCached: number
  imageTotal: number
}

const STORAGE_KEY = 'samskap.offline'
const listeners = new Set<() => void>()

export function keepWorkshop(list: readonly KeptWorkshop[], entry: KeptWorkshop): KeptWorkshop[] {
  return [entry, ...list.filter((w) => w.id !== entry.id)]
}

export function releaseWorkshop(list: readonly KeptWorkshop[], id: string): KeptWorkshop[] {
  return list.filter((w) => w.id !== id)
}

/** Storage is shared with other tabs and versions: keep only entries that make sense. */
export function parseKept(raw: string | null): KeptWorkshop[] {
  const count = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0
  return parseStoredList(
    raw,
    (w): w is KeptWorkshop =>
      typeof w === 'object' &&
      w !== null &&
      'id' in w &&
      typeof w.id === 'string' &&
      'keptAt' in w &&
      typeof w.keptAt === 'number' &&
      Number.isFinite(w.keptAt) &&
      'imagesCached' in w &&
      count(w.imagesCached) &&
      'imageTotal' in w &&
      count(w.imageTotal),
  )
}

export function loadKept(): KeptWorkshop[] {
  return loadStoredList(STORAGE_KEY, parseKept)
}

export function saveKept(list: readonly KeptWorkshop[]): void {
  // Private mode or full storage: the photos that were cached stay cached; only the mark is lost.
  saveStoredList(STORAGE_KEY, list)
  for (const listener of listeners) listener()
}

export function subscribeKept(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
