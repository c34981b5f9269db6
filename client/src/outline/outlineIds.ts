/** The id of the outline's heading, where focus lands when a person switches to the outline. */
export function outlineHeadingId(boardId: string): string {
  return `ol-${boardId}-title`
}

/** The id of the canvas/outline toggle's button for a mode, where focus lands when switching back. */
export function modeButtonId(boardId: string, mode: 'canvas' | 'outline'): string {
  return `ol-${boardId}-mode-${mode}`
}
