/**
 * Alt+Shift+P (Option+Shift+P on a Mac) starts presenting, like Alt+Shift+O for the outline: single
 * letters belong to the canvas's tools (P is the pen). Matched on the physical key, since Option
 * changes the character on a Mac.
 */
export const presentationShortcut = { code: 'KeyP', label: 'Alt+Shift+P', aria: 'Alt+Shift+P' } as const

export function isPresentationShortcut(e: Pick<KeyboardEvent, 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>): boolean {
  return e.code === presentationShortcut.code && e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey
}
