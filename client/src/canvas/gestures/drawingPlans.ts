import { endAt, isConnectorWorthKeeping } from '../../../../shared/logic/connectors'
import { rectFromPoints, type Point } from '../../../../shared/logic/geometry'
import type { DocumentPlan } from '../../../../shared/logic/plan'
import { planStroke } from '../../../../shared/logic/strokes'
import { DEFAULT_INK } from '../inkColors'
import type { DrawingGesture } from './gestureReducer'

/** Width of the pen, in board pixels at full pressure. */
export const PEN_SIZE = 6

/** Where and when a drawing becomes a record. */
export interface DrawingContext {
  boardId: string
  id: string
  now: number
  /** Camera scale: pen strokes are simplified to half a screen pixel. */
  scale: number
  /** The item an arrow ending at this board point binds to. */
  bindableAt(board: Point): string | null
}

/**
 * The record a finished drawing makes, and whether it is selected afterwards (shapes and arrows
 * are, so they can be styled at once; a pen stroke is not, so the next stroke can follow). Null
 * when there is nothing worth keeping (an arrow from a point to the same point).
 */
export function planDrawing(gesture: DrawingGesture, end: Point, ctx: DrawingContext): { plan: DocumentPlan; select: boolean } | null {
  const { boardId, id, now: createdAt } = ctx
  switch (gesture.kind) {
    case 'shape': {
      let rect = rectFromPoints(gesture.start, end)
      // A click without a drag still makes a shape, of a useful size.
      if (rect.w < 8 && rect.h < 8) rect = { x: gesture.start.x - 80, y: gesture.start.y - 50, w: 160, h: 100 }
      const planned = { x: Math.round(rect.x), y: Math.round(rect.y), w: Math.max(4, Math.round(rect.w)), h: Math.max(4, Math.round(rect.h)) }
      return { plan: { createItems: [{ id, kind: 'shape', boardId, shape: gesture.shape, ...planned, fill: '', stroke: DEFAULT_INK, text: '', createdAt, sdgs: [], dimension: '' }] }, select: true }
    }
    case 'arrow': {
      const from = endAt(gesture.start, gesture.fromId)
      const to = endAt(end, ctx.bindableAt(end))
      if (!isConnectorWorthKeeping(from, to, gesture.start, end)) return null
      return { plan: { createItems: [{ id, kind: 'connector', boardId, from, to, relation: '', arrowhead: 'end', color: DEFAULT_INK, createdAt }] }, select: true }
    }
    case 'pen': {
      // Tolerance in board pixels: half a screen pixel, so zoomed-out strokes store fewer points.
      const planned = planStroke(gesture.samples, 0.5 / ctx.scale)
      if (!planned) return null
      return { plan: { createItems: [{ id, kind: 'stroke', boardId, ...planned, color: DEFAULT_INK, size: PEN_SIZE, createdAt }] }, select: false }
    }
    default: {
      const never: never = gesture
      throw new Error(`unexpected drawing ${JSON.stringify(never)}`)
    }
  }
}

/** A text the text tool makes where it is clicked: empty, opened for typing at once. */
export function planText(at: Point, ctx: Pick<DrawingContext, 'boardId' | 'id' | 'now'>): DocumentPlan {
  return {
    createItems: [
      { id: ctx.id, kind: 'text', boardId: ctx.boardId, x: Math.round(at.x), y: Math.round(at.y - 14), w: 240, text: '', fontSize: 24, color: DEFAULT_INK, createdAt: ctx.now, sdgs: [], dimension: '' },
    ],
  }
}
