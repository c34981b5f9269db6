import { detailForScale, intersects, visibleRect, type Camera, type Rect } from '../../../shared/logic/geometry'
import { noSelection, type CanvasStore, type CanvasState } from './canvasState'
import type { ItemIndex } from './itemIndex'
import type { Size } from './viewport/cameraInput'

/**
 * Which items the canvas mounts as Konva nodes, kept in the canvasStore store's `rendered`: those
 * within reach of the committed camera, plus the selection and the item being edited. Items are
 * mounted as far as the stage reaches beyond the view (`overscan`): what a pan reveals between two
 * redraws is the picture drawn at the last commit, and each commit culls again, so nodes further
 * out would only be drawn off the canvas. The items in reach come from the board's R-tree
 * (itemIndex.ts), not from a pass over every item.
 *
 * Zoomed out (`detailForScale` coarse) notes, text, shapes and pen strokes are not nodes at all:
 * CoarseItems draws them in one shape (coarseDrawing.ts). Only photos, arrows, the selection and
 * the item being edited are mounted then.
 *
 * Recomputed when the committed camera, the size, the selection or the edited item change, and
 * when items change, come or go (which also drops deleted items from the selection).
 * Returns the unsubscribe.
 */
export function watchCulling(index: ItemIndex, canvasStore: CanvasStore, overscan: number): () => void {
  const reach = (s: Pick<CanvasState, 'committedCamera' | 'size'>) => grow(visibleRect(s.committedCamera, s.size), cullMargin(s.committedCamera, s.size, overscan))

  const recull = () => {
    const s = canvasStore.getState()
    let next: readonly string[] = []
    if (s.size.w > 0) {
      const area = reach(s)
      const coarse = detailForScale(s.committedCamera.scale) === 'coarse'
      const kept = (id: string) => s.selection.has(id) || id === s.editingId
      const near = index.search(area).filter((e) => !coarse || e.item.kind === 'image' || e.item.kind === 'connector' || kept(e.id))
      const far = [...s.selection, ...(s.editingId ? [s.editingId] : [])].flatMap((id) => {
        const entry = index.get(id)
        return entry && !intersects(entry.rect, area) ? [entry] : []
      })
      const all = far.length === 0 ? near : [...new Set([...near, ...far])].sort((a, b) => a.order - b.order)
      next = all.map((e) => e.id)
    }
    if (!sameIds(next, s.rendered)) canvasStore.setState({ rendered: next })
  }

  const offItems = index.onChange(() => {
    const { selection } = canvasStore.getState()
    if ([...selection].some((id) => !index.get(id))) {
      const kept = [...selection].filter((id) => index.get(id))
      canvasStore.setState({ selection: kept.length === 0 ? noSelection : new Set(kept) })
    }
    recull()
  })
  const offSession = canvasStore.subscribe((s, previous) => {
    if (s.committedCamera !== previous.committedCamera || s.size !== previous.size || s.selection !== previous.selection || s.editingId !== previous.editingId) recull()
  })
  recull()
  return () => {
    offItems()
    offSession()
  }
}

/** How far beyond the view items stay mounted, in board pixels: as far as the stage reaches. */
function cullMargin(camera: Camera, size: Size, overscan: number): number {
  return (Math.max(size.w, size.h) * overscan) / camera.scale
}

function grow(rect: Rect, margin: number): Rect {
  return { x: rect.x - margin, y: rect.y - margin, w: rect.w + margin * 2, h: rect.h + margin * 2 }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}
