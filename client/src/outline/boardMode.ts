/** Which face of a board this person looks at: the drawn board, or its HTML outline twin. */
export type BoardMode = 'canvas' | 'outline'

const KEY_PREFIX = 'samskap.boardMode.'

/**
 * The shortcut between the two faces: Alt+Shift+O (Option+Shift+O on a Mac). Matched on the
 * physical key so it works on every layout; no screen reader (NVDA, JAWS, VoiceOver, Orca) or
 * browser we know binds it, and it does not turn into a character with AltGr (Ctrl+Alt) as
 * Ctrl+Alt+O does on some layouts.
 */
export const outlineShortcut = { code: 'KeyO', label: 'Alt+Shift+O' } as const

export function isOutlineShortcut(e: Pick<KeyboardEvent, 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>): boolean {
  return e.code === outlineShortcut.code && e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey
}

/** Session state: per person (this tab) and per board, never in the shared document. */
export function loadBoardMode(boardId: string): BoardMode {
  try {
    return sessionStorage.getItem(KEY_PREFIX + boardId) === 'outline' ? 'outline' : 'canvas'
  } catch {
    return 'canvas'
  }
}

export function saveBoardMode(boardId: string, mode: BoardMode): void {
  try {
    sessionStorage.setItem(KEY_PREFIX + boardId, mode)
  } catch {
    // Storage refused (private mode): the choice lasts while the board is open.
  }
}
