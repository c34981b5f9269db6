import { rectFromPoints, screenToBoard, type Camera, type Point, type Rect } from '../../../../shared/logic/geometry'
import { samplePressure } from '../../../../shared/logic/strokes'
import { isDoubleTap, panCamera, pinchCamera, pinchStart, wheelCamera, type PinchStart, type WheelInput } from '../viewport/cameraInput'
import { isDrawingTool, type CanvasTool } from '../tools'

// What pointers, the wheel and the space bar do on a Konva view, as a pure reducer: the state of
// the gesture in progress and an event in, the next state and the effects to run out. The free
// canvas and the stakeholder map both run it (the map: select tool, nothing to draw, a drag on
// empty space pans). Points are container pixels unless named board points.

/** A drawing in progress, before it becomes a record. */
export type DrawingGesture =
  | { kind: 'shape'; pointerId: number; start: Point; shape: 'rect' | 'ellipse' }
  | { kind: 'arrow'; pointerId: number; start: Point; fromId: string | null }
  | { kind: 'pen'; pointerId: number; samples: readonly number[] }

export type Gesture =
  | { kind: 'pan'; pointerId: number; start: Point; camera: Camera }
  | ({ kind: 'pinch' } & PinchStart)
  | { kind: 'marquee'; pointerId: number; start: Point; base: ReadonlySet<string> }
  | DrawingGesture

export interface GestureState {
  active: Gesture | null
  /** Fingers down on empty space (or drawing), in container pixels: two of them pinch. */
  touches: ReadonlyMap<number, Point>
  /** The last tap on empty space, for double taps. */
  lastEmptyTap: { point: Point; time: number } | null
  /** Space held: every drag pans, as with the hand tool. */
  spaceHeld: boolean
  /**
   * "Move" pressed for these items: the next press puts them there (WCAG 2.5.7, a single-pointer
   * alternative to dragging). Null when not placing.
   */
  placing: ReadonlySet<string> | null
}

export const idleGestures: GestureState = { active: null, touches: new Map(), lastEmptyTap: null, spaceHeld: false, placing: null }

/** A pointer event as the reducer needs it. */
export interface PointerInput {
  pointerId: number
  pointerType: string
  button: number
  point: Point
  time: number
  /** Shift, Ctrl or Cmd: adds to the selection. */
  additive: boolean
  pressure: number
}

/** One sample of a moving pen (coalesced events give several per frame). */
export interface PenSample {
  point: Point
  pointerType: string
  pressure: number
}

export type GestureEvent =
  | { type: 'down'; pointer: PointerInput }
  | { type: 'move'; pointer: PointerInput; samples: readonly PenSample[] }
  | { type: 'up'; pointer: PointerInput; cancelled: boolean }
  | { type: 'wheel'; wheel: WheelInput }
  | { type: 'doubleClick'; point: Point }
  | { type: 'space'; down: boolean }
  /** Start placing these items (the Move button), or stop (null, or no ids: Escape, Move again). */
  | { type: 'place'; ids: ReadonlySet<string> | null }

/** What the view is like when the event arrives. */
export interface GestureContext {
  /** The camera on screen. */
  camera: Camera
  tool: CanvasTool
  canCreate: boolean
  selection: ReadonlySet<string>
  /** A press on empty space with the primary button: select with a marquee (canvas) or pan (map). */
  emptyDrag: 'marquee' | 'pan'
  /** Konva is dragging an item. */
  itemDragging: boolean
  /** Something under this point handles the press itself (an item, a resize handle). Asked only when needed. */
  hitTest(point: Point): boolean
  /** The item an arrow starting at this board point binds to. */
  bindableAt(board: Point): string | null
}

export type GestureEffect =
  | { type: 'focusCanvas' }
  | { type: 'preventDefault' }
  /** The camera was moved by hand: the board stops fitting itself to its content. */
  | { type: 'cameraTouched' }
  /** …and stops following someone. */
  | { type: 'cameraByPerson' }
  /** 'settled' for gestures with no end event (the wheel): React follows once the camera is still. */
  | { type: 'moveCamera'; camera: Camera; commit: 'now' | 'throttled' | 'settled' }
  | { type: 'select'; ids: ReadonlySet<string> }
  | { type: 'marquee'; rect: Rect | null }
  /** Select what the rect covers, added to `base`. */
  | { type: 'selectInRect'; rect: Rect; base: ReadonlySet<string> }
  | { type: 'draft'; draft: Draft | null }
  /** The live pen path: [x, y, pressure, …] board samples, empty to clear it. */
  | { type: 'penPath'; samples: readonly number[] }
  /** A double tap or double click on empty space: make something there (a note; on the map a stakeholder). */
  | { type: 'createAt'; at: Point }
  | { type: 'createText'; at: Point }
  /** A drawing ended at this board point: make its record. */
  | { type: 'drawn'; gesture: DrawingGesture; end: Point }
  /** While placing, a press at this board point: move the items there. */
  | { type: 'placeAt'; ids: ReadonlySet<string>; at: Point }

/** What is being drawn right now, shown dashed. */
export type Draft = { kind: 'shape'; shape: 'rect' | 'ellipse'; rect: Rect } | { kind: 'arrow'; from: Point; to: Point }

export interface GestureResult {
  state: GestureState
  effects: GestureEffect[]
}

const noSelection: ReadonlySet<string> = new Set()
const clearDrawing: GestureEffect[] = [
  { type: 'draft', draft: null },
  { type: 'penPath', samples: [] },
]

export function reduceGesture(state: GestureState, event: GestureEvent, ctx: GestureContext): GestureResult {
  switch (event.type) {
    case 'down':
      return pointerDown(state, event.pointer, ctx)
    case 'move':
      return pointerMove(state, event.pointer, event.samples, ctx)
    case 'up':
      return pointerUp(state, event.pointer, event.cancelled, ctx)
    case 'wheel':
      return {
        state,
        effects: [{ type: 'preventDefault' }, { type: 'cameraByPerson' }, { type: 'moveCamera', camera: wheelCamera(ctx.camera, event.wheel), commit: 'settled' }],
      }
    case 'doubleClick':
      if (ctx.tool !== 'select' || state.spaceHeld || ctx.hitTest(event.point)) return { state, effects: [] }
      return { state, effects: [{ type: 'createAt', at: screenToBoard(ctx.camera, event.point) }] }
    case 'space':
      return { state: state.spaceHeld === event.down ? state : { ...state, spaceHeld: event.down }, effects: [] }
    case 'place': {
      const placing = event.ids && event.ids.size > 0 ? event.ids : null
      if (placing === state.placing) return { state, effects: [] }
      // Placing starts from rest: a drawing or marquee in progress is dropped.
      return { state: { ...state, placing, active: placing ? null : state.active }, effects: placing ? [...clearDrawing, { type: 'marquee', rect: null }] : [] }
    }
    default: {
      const never: never = event
      throw new Error(`unexpected gesture event ${JSON.stringify(never)}`)
    }
  }
}

function pointerDown(state: GestureState, p: PointerInput, ctx: GestureContext): GestureResult {
  const touch = p.pointerType === 'touch'
  const panAnywhere = ctx.tool === 'hand' || state.spaceHeld || p.button === 1
  // Placing: one press with the primary button (a mouse click, a tap, a pen) puts the items there.
  // Panning with the hand, space or the middle button still pans; a finger while another is down
  // (a pinch starting) is not a placement. Before the drawing tools: placing wins over the tool.
  if (state.placing && !panAnywhere && p.button === 0 && state.touches.size === 0) {
    return {
      state: { ...state, placing: null },
      effects: [{ type: 'preventDefault' }, { type: 'focusCanvas' }, { type: 'placeAt', ids: state.placing, at: screenToBoard(ctx.camera, p.point) }],
    }
  }
  let touches = state.touches
  if (!panAnywhere && isDrawingTool(ctx.tool)) {
    if (touch) {
      touches = withPoint(touches, p.pointerId, p.point)
      // A second finger while drawing: the person wants to pinch, not draw.
      if (touches.size >= 2) {
        const drawing = state.active && isDrawing(state.active) ? null : state.active
        return startPinch({ ...state, active: drawing, touches }, [...clearDrawing], ctx)
      }
    }
    const drawing = startDrawing({ ...state, touches }, p, ctx)
    if (drawing) return drawing
  }
  const unchanged = { state: touches === state.touches ? state : { ...state, touches }, effects: [] }
  if (!panAnywhere && ctx.hitTest(p.point)) return unchanged // an item or a handle: Konva handles it
  if (p.button !== 0 && p.button !== 1) return unchanged
  const effects: GestureEffect[] = p.button === 1 ? [{ type: 'preventDefault' }] : [] // no autoscroll
  // A finger lands on empty space while another drags an item: leave the drag alone.
  if (touch && ctx.itemDragging) return { ...unchanged, effects }
  // No preventDefault otherwise: Konva detects double taps from the compatibility events.
  effects.push({ type: 'focusCanvas' }, { type: 'cameraTouched' })
  let next: GestureState = { ...state, touches }
  if (touch) {
    // A double tap on empty space makes something there; two taps must also be close on screen.
    if (ctx.tool === 'select' && touches.size === 0 && isDoubleTap(state.lastEmptyTap, p.point, p.time)) {
      effects.push({ type: 'createAt', at: screenToBoard(ctx.camera, p.point) })
      return { state: { ...next, lastEmptyTap: null }, effects }
    }
    next = { ...next, lastEmptyTap: { point: p.point, time: p.time }, touches: withPoint(touches, p.pointerId, p.point) }
    if (next.touches.size >= 2) return startPinch(next, effects, ctx)
  }
  if (panAnywhere || touch || ctx.emptyDrag === 'pan') {
    return { state: { ...next, active: { kind: 'pan', pointerId: p.pointerId, start: p.point, camera: ctx.camera } }, effects }
  }
  const base = p.additive ? ctx.selection : noSelection
  if (!p.additive) effects.push({ type: 'select', ids: noSelection })
  return { state: { ...next, active: { kind: 'marquee', pointerId: p.pointerId, start: screenToBoard(ctx.camera, p.point), base } }, effects }
}

/** Starts drawing with the current tool; null when this press does not draw. */
function startDrawing(state: GestureState, p: PointerInput, ctx: GestureContext): GestureResult | null {
  if (!ctx.canCreate || (p.button !== 0 && p.pointerType === 'mouse')) return null
  const board = screenToBoard(ctx.camera, p.point)
  const effects: GestureEffect[] = [{ type: 'focusCanvas' }]
  let active: Gesture
  switch (ctx.tool) {
    case 'text':
      // Keep the focus on the editor that opens.
      return { state, effects: [...effects, { type: 'createText', at: board }, { type: 'preventDefault' }] }
    case 'rect':
    case 'ellipse':
      active = { kind: 'shape', pointerId: p.pointerId, start: board, shape: ctx.tool }
      break
    case 'arrow':
      active = { kind: 'arrow', pointerId: p.pointerId, start: board, fromId: ctx.bindableAt(board) }
      break
    case 'pen':
      active = { kind: 'pen', pointerId: p.pointerId, samples: [board.x, board.y, samplePressure(p.pointerType, p.pressure)] }
      break
    default:
      return null
  }
  return { state: { ...state, active }, effects: [...effects, { type: 'select', ids: noSelection }] }
}

function startPinch(state: GestureState, effects: GestureEffect[], ctx: GestureContext): GestureResult {
  const [a, b] = [...state.touches.values()]
  if (!a || !b) return { state, effects }
  return { state: { ...state, active: { kind: 'pinch', ...pinchStart(a, b, ctx.camera) } }, effects: [...effects, { type: 'cameraByPerson' }] }
}

function pointerMove(state: GestureState, p: PointerInput, samples: readonly PenSample[], ctx: GestureContext): GestureResult {
  const g = state.active
  if (!g) return { state, effects: [] }
  const next = state.touches.has(p.pointerId) ? { ...state, touches: withPoint(state.touches, p.pointerId, p.point) } : state
  const quiet = { state: next, effects: [] }
  if (g.kind === 'pinch') {
    const [a, b] = [...next.touches.values()]
    if (!a || !b) return quiet
    return { state: next, effects: [{ type: 'moveCamera', camera: pinchCamera(g, a, b), commit: 'throttled' }] }
  }
  if (p.pointerId !== g.pointerId) return quiet
  const board = screenToBoard(ctx.camera, p.point)
  switch (g.kind) {
    case 'pan':
      return { state: next, effects: [{ type: 'cameraByPerson' }, { type: 'moveCamera', camera: panCamera(g.camera, g.start, p.point), commit: 'throttled' }] }
    case 'shape':
      return { state: next, effects: [{ type: 'draft', draft: { kind: 'shape', shape: g.shape, rect: rectFromPoints(g.start, board) } }] }
    case 'arrow':
      return { state: next, effects: [{ type: 'draft', draft: { kind: 'arrow', from: g.start, to: board } }] }
    case 'pen': {
      const added = (samples.length > 0 ? samples : [{ point: p.point, pointerType: p.pointerType, pressure: p.pressure }]).flatMap((sample) => {
        const b = screenToBoard(ctx.camera, sample.point)
        return [b.x, b.y, samplePressure(sample.pointerType, sample.pressure)]
      })
      const pen = { ...g, samples: [...g.samples, ...added] }
      return { state: { ...next, active: pen }, effects: [{ type: 'penPath', samples: pen.samples }] }
    }
    case 'marquee': {
      const rect = rectFromPoints(g.start, board)
      return { state: next, effects: [{ type: 'marquee', rect }, { type: 'selectInRect', rect, base: g.base }] }
    }
    default: {
      const never: never = g
      throw new Error(`unexpected gesture ${JSON.stringify(never)}`)
    }
  }
}

function pointerUp(state: GestureState, p: PointerInput, cancelled: boolean, ctx: GestureContext): GestureResult {
  const hadTouch = state.touches.has(p.pointerId)
  const touches = hadTouch ? withoutPoint(state.touches, p.pointerId) : state.touches
  const g = state.active
  const next = { ...state, touches }
  if (!g) return { state: hadTouch ? next : state, effects: [] }
  if (g.kind === 'pinch') {
    // One finger stays: it goes on panning from where it is.
    const [rest] = [...touches.entries()]
    if (rest) return { state: { ...next, active: { kind: 'pan', pointerId: rest[0], start: rest[1], camera: ctx.camera } }, effects: [] }
    return { state: { ...next, active: null }, effects: [{ type: 'moveCamera', camera: ctx.camera, commit: 'now' }] }
  }
  // Any finger lifting ends a pan or marquee (a second finger that never pinched); other pointers are not ours.
  if (g.pointerId !== p.pointerId && !((g.kind === 'pan' || g.kind === 'marquee') && hadTouch)) return { state: next, effects: [] }
  const ended = { ...next, active: null }
  switch (g.kind) {
    case 'pan':
      return { state: ended, effects: [{ type: 'moveCamera', camera: ctx.camera, commit: 'now' }] }
    case 'marquee':
      return { state: ended, effects: [{ type: 'marquee', rect: null }] }
    default:
      if (cancelled) return { state: ended, effects: [...clearDrawing] }
      return { state: ended, effects: [{ type: 'draft', draft: null }, { type: 'drawn', gesture: g, end: screenToBoard(ctx.camera, p.point) }] }
  }
}

function isDrawing(g: Gesture): g is DrawingGesture {
  return g.kind === 'shape' || g.kind === 'arrow' || g.kind === 'pen'
}

function withPoint(map: ReadonlyMap<number, Point>, id: number, point: Point): ReadonlyMap<number, Point> {
  return new Map(map).set(id, point)
}

function withoutPoint(map: ReadonlyMap<number, Point>, id: number): ReadonlyMap<number, Point> {
  const next = new Map(map)
  next.delete(id)
  return next
}
