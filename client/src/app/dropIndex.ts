/**
 * Where a dragged tab ends up when dropped on the tab at `overIndex`, before or after its middle.
 * The result is the final position, as `WorkshopStore.moveBoard` expects.
 */
export function dropIndex(fromIndex: number, overIndex: number, after: boolean): number {
  const slot = after ? overIndex + 1 : overIndex
  return fromIndex < slot ? slot - 1 : slot
}
