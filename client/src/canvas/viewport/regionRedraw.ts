import Konva from 'konva'
import type { Rect } from '../../../../shared/logic/geometry'

// A remote move of one note used to redraw the whole items layer: every mounted note with its
// text, then the canvas handed to the compositor (at 4× CPU throttling ~180 ms per move, so ten
// moves a second left the idle board at 8 FPS). Here a change to items redraws only where they
// were and where they are: the layer's canvas is cleared and redrawn inside those rects, with the
// layer's children that reach into them. Anything else that asks the layer for a redraw (camera,
// mounting and unmounting, a drag, the selection) still redraws all of it.

/** Items that changed and the board rects they took before and after the change. */
export interface ItemDamage {
  ids: readonly string[]
  rects: readonly Rect[]
}

/** What the layer needs from the board's item index. */
export interface DamageSource {
  /** Called synchronously as the index takes in a change, before React re-renders the nodes. */
  onDamage(listener: (damage: ItemDamage) => void): () => void
  /** Items whose bounds meet `rect` (board pixels). */
  search(rect: Rect): readonly { id: string }[]
}

/** Board pixels added around a damaged rect: strokes, arrowheads and shadows reach past an item's bounds. */
const BOARD_MARGIN = 16
/** Screen pixels added as well, for antialiasing at any zoom. */
const SCREEN_MARGIN = 2

interface RegionState {
  source: DamageSource
  /** Items changed since the last draw; a draw request from one of their nodes is covered by the region. */
  ids: Set<string>
  rects: Rect[]
  full: boolean
  frame: number | null
  /** The child of the layer whose subtree is asking for a draw right now (see the patch below). */
  requester: Konva.Node | null
}

const regionLayers = new WeakMap<Konva.Layer, RegionState>()

/** Counts for the test hook and the benchmark: how the items layer was redrawn. */
export const redrawStats = { full: 0, regions: 0 }

/**
 * Makes `layer` redraw only the damaged regions when the items reported by `source` change.
 * Returns the undo (an effect's cleanup).
 */
export function redrawRegions(layer: Konva.Layer, source: DamageSource): () => void {
  patchRequestDraw()
  const state: RegionState = { source, ids: new Set(), rects: [], full: false, frame: null, requester: null }
  regionLayers.set(layer, state)
  const batchDraw = layer.batchDraw
  const schedule = () => {
    state.frame ??= requestAnimationFrame(() => {
      state.frame = null
      flush(layer, state)
    })
  }
  layer.batchDraw = () => {
    // A node of a changed item re-rendering is drawn by the region; anything else is all of it.
    const id = state.requester?.id()
    if (!id || !state.ids.has(id)) state.full = true
    schedule()
    return layer
  }
  const off = source.onDamage((damage) => {
    for (const id of damage.ids) state.ids.add(id)
    state.rects.push(...damage.rects)
    schedule()
  })
  return () => {
    off()
    if (state.frame !== null) cancelAnimationFrame(state.frame)
    regionLayers.delete(layer)
    layer.batchDraw = batchDraw
  }
}

function flush(layer: Konva.Layer, state: RegionState): void {
  const full = state.full
  const rects = state.rects
  state.full = false
  state.rects = []
  state.ids.clear()
  if (!layer.getStage()) return
  if (full) {
    redrawStats.full++
    layer.draw()
    return
  }
  if (rects.length === 0) return
  redrawStats.regions++
  const toStage = layer.getAbsoluteTransform()
  const scale = layer.getAbsoluteScale().x || 1
  const margin = BOARD_MARGIN + SCREEN_MARGIN / scale
  const grown = rects.map((r) => ({ x: r.x - margin, y: r.y - margin, w: r.w + 2 * margin, h: r.h + 2 * margin }))
  const boxes = grown.map((r) => {
    const a = toStage.point({ x: r.x, y: r.y })
    const b = toStage.point({ x: r.x + r.w, y: r.y + r.h })
    // Whole pixels, so the cleared edge is not half-transparent.
    const x = Math.floor(Math.min(a.x, b.x))
    const y = Math.floor(Math.min(a.y, b.y))
    return { x, y, w: Math.ceil(Math.max(a.x, b.x)) - x, h: Math.ceil(Math.max(a.y, b.y)) - y }
  })
  const reached = new Set<string>()
  for (const r of grown) for (const entry of state.source.search(r)) reached.add(entry.id)
  const canvas = layer.getCanvas()
  const context = canvas.getContext()
  context.save()
  context.beginPath()
  for (const b of boxes) context.rect(b.x, b.y, b.w, b.h)
  context.clip()
  for (const b of boxes) context.clearRect(b.x, b.y, b.w, b.h)
  for (const child of layer.getChildren()) {
    const id = child.id()
    // Children without an id (the coarse pass) draw only what lies in the region, clipped; a node
    // being dragged is not where the index has it.
    if (!id || reached.has(id) || child.isDragging()) child.drawScene(canvas)
  }
  context.restore()
  // The hit graph is out of date too (lazyHitGraph redraws it when it is next asked for).
  layer.drawHit()
}

let patched = false

/**
 * Konva asks a node's layer for a redraw from `Node._requestDraw` (any attribute set, a child
 * added), without saying which node asked. For region layers the asking node's top-level child is
 * noted first, so the layer can tell a changed item's own re-render from any other change.
 */
function patchRequestDraw(): void {
  if (patched) return
  patched = true
  const requestDraw = Konva.Node.prototype._requestDraw
  Konva.Node.prototype._requestDraw = function (this: Konva.Node) {
    const layer = this.getLayer()
    const state = layer && layer !== (this as unknown) ? regionLayers.get(layer) : undefined
    if (!state) {
      requestDraw.call(this)
      return
    }
    state.requester = topChild(this, layer!)
    try {
      requestDraw.call(this)
    } finally {
      state.requester = null
    }
  }
}

/** The ancestor of `node` (or itself) that is a child of `layer`. */
function topChild(node: Konva.Node, layer: Konva.Layer): Konva.Node {
  let child = node
  for (let parent = child.getParent(); parent && parent !== layer; parent = parent.getParent()) child = parent
  return child
}
