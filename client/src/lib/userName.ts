/**
 * The name this person shows to others. One per workshop on this device, whichever page it was
 * given on (the join form, the phone page, the board), so going from the phone page to the whole
 * board does not ask again; and the last name chosen, which a workshop opened for the first time
 * starts with. A guest's number belongs to its workshop only.
 */
const STORAGE_KEY = 'samskap.name'
const workshopKey = (workshopId: string) => `${STORAGE_KEY}:${workshopId}`
export const USER_NAME_MAX = 40

function read(key: string): string | null {
  try {
    const name = localStorage.getItem(key)?.trim()
    return name ? name.slice(0, USER_NAME_MAX) : null
  } catch {
    return null
  }
}

function write(key: string, name: string | null): void {
  try {
    if (name === null) localStorage.removeItem(key)
    else localStorage.setItem(key, name)
  } catch {
    // Private mode: the name lasts for this page only.
  }
}

/** The name for `workshopId` on this device, else the last one chosen; null: never given. */
export function loadUserName(workshopId?: string): string | null {
  return (workshopId === undefined ? null : read(workshopKey(workshopId))) ?? read(STORAGE_KEY)
}

/** Remembers a name the person chose: for this workshop, and as the one the next workshop starts with. */
export function saveUserName(name: string, workshopId?: string): void {
  const chosen = name.trim().slice(0, USER_NAME_MAX)
  if (!chosen) return
  if (workshopId !== undefined) write(workshopKey(workshopId), chosen)
  write(STORAGE_KEY, chosen)
}

/** Remembers a guest name for this workshop only (another workshop gets its own number); returns it. */
export function rememberGuestName(workshopId: string, name: string): string {
  write(workshopKey(workshopId), name)
  return name
}

/** A number makes two guests tell each other apart without asking anything. */
export function guestNumber(): number {
  return 100 + Math.floor(Math.random() * 900)
}

/**
 * Forgets the name (a resident erasing their data): this workshop's and the last one chosen, so
 * the next page shows them as a guest.
 */
export function clearUserName(workshopId?: string): void {
  if (workshopId !== undefined) write(workshopKey(workshopId), null)
  write(STORAGE_KEY, null)
}
