/**
 * What this device captured in a workshop, newest first, kept on the device (localStorage) so the
 * capture page can list it after a reload or a night without network: each note and photo, the
 * board it went to, and whether it still waits for the network.
 *
 * A note waits until the connection has been up since it was written: the sync on connecting
 * sends everything this device's copy holds. A photo waits for that and for its bytes, which the
 * upload queue sends (its state is not stored here but read from the queue).
 */
export interface CaptureEntry {
  /** The item's id on the board. */
  id: string
  kind: 'note' | 'photo'
  /** The note's text, or the place a photo was taken ('' when none was given). */
  text: string
  boardTitle: string
  at: number
  /** A photo's image hash, to ask the upload queue about. */
  hash: string
  /** The document change reached the server (the connection was up at or after capture). */
  sent: boolean
}

/** More than a study trip takes; the oldest fall off the list (not off the board). */
export const CAPTURE_LOG_MAX = 200
const KEY = 'samskap.capture.log.'

export function withCapture(log: readonly CaptureEntry[], entry: CaptureEntry): CaptureEntry[] {
  return [entry, ...log.filter((e) => e.id !== entry.id)].slice(0, CAPTURE_LOG_MAX)
}

/** The connection is up: every document change this device holds has been sent. */
export function allSent(log: readonly CaptureEntry[]): CaptureEntry[] {
  return log.some((e) => !e.sent) ? log.map((e) => (e.sent ? e : { ...e, sent: true })) : (log as CaptureEntry[])
}

export function isWaiting(entry: CaptureEntry, photoUploadPending: boolean): boolean {
  return !entry.sent || (entry.kind === 'photo' && photoUploadPending)
}

export function loadCaptureLog(workshopId: string): CaptureEntry[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY + workshopId) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter(isEntry).slice(0, CAPTURE_LOG_MAX) : []
  } catch {
    return []
  }
}

export function saveCaptureLog(workshopId: string, log: readonly CaptureEntry[]): void {
  try {
    localStorage.setItem(KEY + workshopId, JSON.stringify(log))
  } catch {
    // No storage (private mode, full): the list lasts as long as the page; the captures are on the board.
  }
}

function isEntry(value: unknown): value is CaptureEntry {
  const v = value as Partial<CaptureEntry> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    (v.kind === 'note' || v.kind === 'photo') &&
    typeof v.text === 'string' &&
    typeof v.boardTitle === 'string' &&
    typeof v.at === 'number' &&
    typeof v.hash === 'string' &&
    typeof v.sent === 'boolean'
  )
}
