import { isCanvasItem, itemRect, type CanvasItem } from '../../../shared/logic/canvasItems'
import { intersects, visibleRect, type Camera, type Rect } from '../../../shared/logic/geometry'
import type { WorkshopStore } from '../store/WorkshopStore'
import { noSelection, type CanvasStore, type CanvasState } from './canvasState'
import type { Size } from './viewport/cameraInput'

/**
 * Which items the canvas mounts as Konva nodes, kept in the canvasStore store's `rendered`: those
 * within reach of the committed camera, plus the selection and the item being edited. Items are
 * mounted as far as the stage reaches beyond the view (`overscan`): what a pan reveals between two
 * redraws is the picture drawn at the last commit, and each commit culls again, so nodes further
 * out would only be drawn off the canvas.
 *
 * Recomputed when the committed camera, the size, the selection or the edited item change, when
 * items come or go (which also drops deleted items from the selection), and when an item moves
 * into reach or out of it without the camera moving. Returns the unsubscribe.
 */
export function watchCulling(store: Pick<WorkshopStore, 'getItem' | 'getItemIds' | 'subscribe'>, canvasStore: CanvasStore, boardId: string, overscan: number): () => void {
  const lookup = (id: string): CanvasItem | undefined => {
    const item = store.getItem(id)
    return isCanvasItem(item) ? item : undefined
  }
  const rectOf = (id: string): Rect | null => {
    const item = lookup(id)
    return item ? itemRect(item, lookup) : null
  }
  const reach = (s: Pick<CanvasState, 'committedCamera' | 'size'>) => grow(visibleRect(s.committedCamera, s.size), cullMargin(s.committedCamera, s.size, overscan))
  let mounted: ReadonlySet<string> = new Set()

  const recull = () => {
    const s = canvasStore.getState()
    let next: readonly string[] = []
    if (s.size.w > 0) {
      const area = reach(s)
      next = store.getItemIds(boardId).filter((id) => {
        if (s.selection.has(id) || id === s.editingId) return true
        const rect = rectOf(id)
        return rect !== null && intersects(rect, area)
      })
    }
    mounted = new Set(next)
    if (!sameIds(next, s.rendered)) canvasStore.setState({ rendered: next })
  }

  let itemOffs: (() => void)[] = []
  const watchItems = () => {
    itemOffs.forEach((off) => off())
    itemOffs = store.getItemIds(boardId).map((id) =>
      store.subscribe(`item:${id}`, () => {
        const rect = rectOf(id)
        const inReach = rect !== null && intersects(rect, reach(canvasStore.getState()))
        if (inReach !== mounted.has(id)) recull()
      }),
    )
  }

  const offIds = store.subscribe(`items:${boardId}`, () => {
    const live = new Set(store.getItemIds(boardId))
    const { selection } = canvasStore.getState()
    if ([...selection].some((id) => !live.has(id))) {
      const kept = [...selection].filter((id) => live.has(id))
      canvasStore.setState({ selection: kept.length === 0 ? noSelection : new Set(kept) })
    }
    watchItems()
    recull()
  })
  const offSession = canvasStore.subscribe((s, previous) => {
    if (s.committedCamera !== previous.committedCamera || s.size !== previous.size || s.selection !== previous.selection || s.editingId !== previous.editingId) recull()
  })
  watchItems()
  recull()
  return () => {
    offIds()
    offSession()
    itemOffs.forEach((off) => off())
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
