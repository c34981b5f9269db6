/** The name this person shows to others, remembered across workshops in this browser. */
const STORAGE_KEY = 'samskap.name'
export const USER_NAME_MAX = 40

export function loadUserName(): string | null {
  try {
    const name = localStorage.getItem(STORAGE_KEY)?.trim()
    return name ? name.slice(0, USER_NAME_MAX) : null
  } catch {
    return null
  }
}

export function saveUserName(name: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, name)
  } catch {
    // Private mode: the name lasts for this page only.
  }
}

/** A number makes two guests tell each other apart without asking anything. */
export function guestNumber(): number {
  return 100 + Math.floor(Math.random() * 900)
}

/** Forgets the name (a resident erasing their data): the next page shows them as a guest. */
export function clearUserName(): void {
  try {
    localStorage.removeItem(STORAGE_KEY)
  } catch {
    // Nothing was stored.
  }
}
