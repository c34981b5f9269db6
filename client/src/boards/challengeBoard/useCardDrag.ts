import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react'
import { laneOrder } from '../../../../shared/logic/challengeBoard'
import type { CardLane, CardRecord } from '../../../../shared/schema/records/card'

/** A card being dragged: how far it moved, and the lane and place it would drop into. */
export interface DragView {
  id: string
  dx: number
  dy: number
  lane: CardLane
  index: number
}

/** The lanes as measured when the drag started: where each lane is and the middles of its other cards. */
interface LaneBox {
  lane: CardLane
  left: number
  right: number
  mids: number[]
}

/** A press moves this far (CSS pixels) before it is a drag rather than a click. */
const DRAG_SLOP = 6

interface CardDragDeps {
  /** Cards in each lane, in their order. */
  byLane: Record<CardLane, readonly CardRecord[]>
  laneElements: RefObject<Map<CardLane, HTMLElement>>
  cardElements: ReadonlyMap<string, HTMLElement>
  /** The card was dropped here; runs after the drag is over. */
  onDrop(id: string, lane: CardLane, index: number): void
}

/**
 * Dragging a card by its handle to another place or lane. Window listeners, not pointer capture:
 * a re-render while dragging must not lose the drag. The board only shows where the card would go
 * (`drag`); the move is one plan on release.
 */
export function useCardDrag({ byLane, laneElements, cardElements, onDrop }: CardDragDeps) {
  const [drag, setDrag] = useState<DragView | null>(null)
  /** Ends the drag in progress, if any (also when the board goes away). */
  const stop = useRef<(() => void) | null>(null)
  useEffect(() => () => stop.current?.(), [])

  const dragStart = useCallback(
    (id: string, event: ReactPointerEvent<HTMLElement>) => {
      if (event.pointerType === 'mouse' && event.button !== 0) return
      if (stop.current) return
      const lanes: LaneBox[] = laneOrder.flatMap((lane) => {
        const el = laneElements.current.get(lane)
        if (!el) return []
        const box = el.getBoundingClientRect()
        const mids = byLane[lane]
          .filter((c) => c.id !== id)
          .map((c) => {
            const r = cardElements.get(c.id)?.getBoundingClientRect()
            return r ? r.top + r.height / 2 : Number.POSITIVE_INFINITY
          })
        return [{ lane, left: box.left, right: box.right, mids }]
      })
      const { pointerId, clientX: startX, clientY: startY } = event
      let started = false
      let target: { lane: CardLane; index: number } | null = null
      const onMove = (e: PointerEvent) => {
        if (e.pointerId !== pointerId) return
        const dx = e.clientX - startX
        const dy = e.clientY - startY
        if (!started && Math.hypot(dx, dy) < DRAG_SLOP) return
        started = true
        e.preventDefault()
        const lane = nearestLane(lanes, e.clientX)
        if (!lane) return
        target = { lane: lane.lane, index: lane.mids.filter((mid) => mid < e.clientY).length }
        setDrag({ id, dx, dy, ...target })
      }
      const onEnd = (e: PointerEvent) => {
        if (e.pointerId !== pointerId) return
        stop.current?.()
        setDrag(null)
        if (e.type === 'pointerup' && started && target) onDrop(id, target.lane, target.index)
      }
      window.addEventListener('pointermove', onMove, { passive: false })
      window.addEventListener('pointerup', onEnd)
      window.addEventListener('pointercancel', onEnd)
      stop.current = () => {
        window.removeEventListener('pointermove', onMove)
        window.removeEventListener('pointerup', onEnd)
        window.removeEventListener('pointercancel', onEnd)
        stop.current = null
      }
    },
    [byLane, cardElements, laneElements, onDrop],
  )
  return { drag, dragStart }
}

/** The lane under x, or the closest one beside it. */
function nearestLane<T extends { left: number; right: number }>(lanes: readonly T[], x: number): T | undefined {
  let best: T | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const lane of lanes) {
    const distance = x < lane.left ? lane.left - x : x > lane.right ? x - lane.right : 0
    if (distance < bestDistance) {
      best = lane
      bestDistance = distance
    }
  }
  return best
}
