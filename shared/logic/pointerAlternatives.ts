import { canBindTo, type CanvasItem } from './canvasItems'
import type { DocumentPlan } from './plan'

// What a drag does on the free canvas, done by buttons and lists instead (WCAG 2.2, 2.5.7): a size
// step for the resize handles, a target picked from a list for an arrow's end. Pure plans, one undo
// step each, with the same bounds the resize handles and arrow ends obey.

/** One press of "Larger"; "Smaller" divides by it, so the two undo each other up to rounding. */
export const SIZE_STEP = 1.25

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(n)))

/**
 * Every resizable item in `ids` made `factor` times as large about its own centre (so it stays
 * where the person was looking), within its kind's bounds; text grows in width and type size.
 * Arrows and pen strokes have no size of their own and are left alone.
 */
export function planScaleItems(items: readonly CanvasItem[], ids: ReadonlySet<string>, factor: number): DocumentPlan {
  if (!Number.isFinite(factor) || factor <= 0 || factor === 1) return {}
  const updateItems: NonNullable<DocumentPlan['updateItems']> = []
  const box = (item: { x: number; y: number; w: number; h: number }, min: number, max: number) => {
    const w = clamp(item.w * factor, min, max)
    const h = clamp(item.h * factor, min, max)
    return { x: Math.round(item.x + (item.w - w) / 2), y: Math.round(item.y + (item.h - h) / 2), w, h }
  }
  for (const item of items) {
    if (!ids.has(item.id)) continue
    let patch: Record<string, number> | null
    switch (item.kind) {
      case 'note':
        patch = box(item, 40, 2000)
        break
      case 'shape':
        patch = box(item, 4, 10_000)
        break
      case 'image':
        patch = box(item, 8, 10_000)
        break
      case 'text': {
        const w = clamp(item.w * factor, 20, 4000)
        patch = { x: Math.round(item.x + (item.w - w) / 2), w, fontSize: clamp(item.fontSize * factor, 8, 200) }
        break
      }
      case 'connector':
      case 'stroke':
        patch = null
        break
      default:
        return assertNever(item)
    }
    if (patch && Object.entries(patch).some(([key, value]) => (item as unknown as Record<string, unknown>)[key] !== value)) {
      updateItems.push({ id: item.id, patch })
    }
  }
  return updateItems.length > 0 ? { updateItems } : {}
}

/** Whether a selection has anything "Larger" and "Smaller" change. */
export function isScalable(item: CanvasItem): boolean {
  return item.kind === 'note' || item.kind === 'shape' || item.kind === 'image' || item.kind === 'text'
}

/**
 * "Connect to…": a new arrow from one item to another picked from a list, both ends bound, as a
 * drag with the arrow tool from the one onto the other makes it. Null when either cannot hold an
 * arrow end or they are the same item.
 */
export function planConnect(
  from: CanvasItem | undefined,
  to: CanvasItem | undefined,
  record: { id: string; boardId: string; color: string; now: number },
): DocumentPlan | null {
  if (!from || !to || from.id === to.id || !canBindTo(from) || !canBindTo(to)) return null
  return {
    createItems: [
      {
        id: record.id,
        kind: 'connector',
        boardId: record.boardId,
        from: { itemId: from.id },
        to: { itemId: to.id },
        relation: '',
        arrowhead: 'end',
        color: record.color,
        createdAt: record.now,
      },
    ],
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected item ${JSON.stringify(value)}`)
}
