/**
 * What quick capture remembers on this device: the board last captured to, per workshop, and the
 * place being visited (a study trip adds many notes at one place, so it is typed once).
 */
const BOARD_KEY = 'samskap.capture.board.'
const PLACE_KEY = 'samskap.capture.place'
export const PLACE_MAX = 120

export function loadCaptureBoard(workshopId: string): string | null {
  return read(BOARD_KEY + workshopId)
}

export function saveCaptureBoard(workshopId: string, boardId: string): void {
  write(BOARD_KEY + workshopId, boardId)
}

export function loadCapturePlace(): string {
  return (read(PLACE_KEY) ?? '').slice(0, PLACE_MAX)
}

export function saveCapturePlace(place: string): void {
  write(PLACE_KEY, place.slice(0, PLACE_MAX))
}

/**
 * A readable place from the device's position: coordinates rounded to 4 decimals (about 10 m),
 * enough to find the site again on a map, not more precise than a study trip needs.
 */
export function formatPosition(latitude: number, longitude: number): string | null {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null
  const ns = latitude >= 0 ? 'N' : 'S'
  const ew = longitude >= 0 ? 'Ø' : 'V'
  return `${Math.abs(latitude).toFixed(4)}° ${ns}, ${Math.abs(longitude).toFixed(4)}° ${ew}`
}

/** The note's text with the place on its own last line, so it shows on the board and in every export. */
export function noteTextWithPlace(text: string, place: string, placeLine: (place: string) => string, max: number): string {
  const body = text.trim()
  const where = place.trim()
  if (!where) return body.slice(0, max)
  if (!body) return placeLine(where).slice(0, max)
  const suffix = `\n${placeLine(where)}`
  return body.slice(0, Math.max(0, max - suffix.length)) + suffix
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
  } catch {
    // Private mode: remembered for this page only, which is fine for a convenience.
  }
}
