import { useEffect, useMemo } from 'react'
import type { Point } from '../../../../shared/logic/geometry'
import type { WorkshopStore } from '../../store/WorkshopStore'

/** Own cursor out to the others at most this often: one person's presence stays cheap for the room. */
const CURSOR_SEND_MS = 50

export interface CursorPresence {
  /** The pointer is at this board point; sent within CURSOR_SEND_MS (the latest point wins). */
  move(point: Point): void
  /** The pointer left the view: the others stop drawing it. */
  hide(): void
}

/**
 * This person's cursor on one board, in awareness (never stored). Fingers are not sent: a touch is
 * not a pointer others need to follow. Hidden when the view goes away.
 */
export function useCursorPresence(store: WorkshopStore, boardId: string): CursorPresence {
  const presence = useMemo(() => createCursorPresence(store, boardId), [store, boardId])
  useEffect(() => presence.hide, [presence])
  return presence
}

function createCursorPresence(store: WorkshopStore, boardId: string): CursorPresence {
  let pending: Point | null = null
  let frame: number | null = null
  let lastSent = 0
  const tick = (now: number) => {
    if (now - lastSent < CURSOR_SEND_MS) {
      frame = requestAnimationFrame(tick)
      return
    }
    frame = null
    if (!pending) return
    lastSent = now
    store.setCursor({ boardId, x: Math.round(pending.x), y: Math.round(pending.y) })
  }
  return {
    move(point) {
      pending = point
      frame ??= requestAnimationFrame(tick)
    },
    hide() {
      pending = null
      if (frame !== null) cancelAnimationFrame(frame)
      frame = null
      store.setCursor(null)
    },
  }
}
