import { CREATE_KEY_HEADER } from '../../../shared/staff'

/**
 * The creation key of a server run without an identity provider (`CREATE_KEY`): asked once on
 * the home page and kept on this device, sent with every create and import.
 */
const STORAGE_KEY = 'samskap.createKey'

export function loadCreateKey(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

export function saveCreateKey(key: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, key)
  } catch {
    // Private mode: asked again next time.
  }
}

export function forgetCreateKey(): void {
  try {
    localStorage.removeItem(STORAGE_KEY)
  } catch {
    // Nothing kept.
  }
}

/** Headers for `POST /api/workshops` and the import. */
export function creationHeaders(): Record<string, string> {
  const key = loadCreateKey()
  return key ? { [CREATE_KEY_HEADER]: key } : {}
}
