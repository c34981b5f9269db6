/** The id of the outline's heading, where focus lands when a person switches to the outline. */
export function outlineHeadingId(boardId: string): string {
  return `ol-${boardId}-title`
}
