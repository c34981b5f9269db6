import type { StoredAccess } from '../access/workshopAccess'

/**
 * Whether joining by code should keep the token this browser already has for the workshop. A code
 * always gives a new participant, but a facilitator who scans their own QR code must not lose their
 * key, and a resident who scans it again must keep their own notes and dots: both keep what they
 * have. An observer who joins by code wants to take part, and gets the new participant token.
 */
export function keepExistingAccess(stored: StoredAccess | null): stored is StoredAccess {
  if (!stored) return false
  // A link opened offline and never asked about (role null) may be a facilitator's: never drop it.
  return stored.role !== 'observer'
}
