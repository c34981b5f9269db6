import { useCallback, useEffect, type MouseEvent as ReactMouseEvent, type PointerEvent as ReactPointerEvent } from 'react'
import type { Store } from '../../lib/createStore'
import type { Viewport, ViewportState } from '../viewport/useViewport'
import { reduceGesture, type GestureContext, type GestureEffect, type GestureEvent, type GestureState, type PenSample, type PointerInput } from './gestureReducer'

/** What a view tells the gesture reducer, and how it carries out what the reducer asks. */
export interface GestureHost {
  /** The view as it is when an event arrives. */
  context(): GestureContext
  run(effect: GestureEffect): void
}

export interface PointerGestures {
  /** For the container's onPointerDown: presses on the canvas element only (not toolbars or editors). */
  onPointerDown(e: ReactPointerEvent<HTMLDivElement>): void
  onDoubleClick(e: ReactMouseEvent<HTMLDivElement>): void
  /** Events from elsewhere (the space bar). */
  dispatch(event: GestureEvent): void
}

/**
 * Feeds DOM pointer, wheel and double-click events to `reduceGesture`, keeps the gesture in the
 * canvasStore store and runs the effects through `host`. Moves and releases are window listeners, so a
 * drag that leaves the canvas (or outlives a re-render) goes on.
 */
export function usePointerGestures<S extends ViewportState & { gesture: GestureState }>(store: Store<S>, viewport: Viewport, host: GestureHost): PointerGestures {
  const canvasStore = store as unknown as Store<ViewportState & { gesture: GestureState }>

  const dispatch = useCallback(
    (event: GestureEvent, dom?: Event) => {
      const before = canvasStore.getState().gesture
      const { state, effects } = reduceGesture(before, event, host.context())
      if (state !== before) canvasStore.setState({ gesture: state })
      for (const effect of effects) {
        if (effect.type === 'preventDefault') dom?.preventDefault()
        else host.run(effect)
      }
    },
    [canvasStore, host],
  )

  const input = useCallback(
    (e: PointerEvent): PointerInput => ({
      pointerId: e.pointerId,
      pointerType: e.pointerType,
      button: e.button,
      point: viewport.localPoint(e),
      time: e.timeStamp,
      additive: e.shiftKey || e.metaKey || e.ctrlKey,
      pressure: e.pressure,
    }),
    [viewport],
  )

  useEffect(() => {
    const onMove = (e: PointerEvent) => {
      const active = canvasStore.getState().gesture.active
      if (!active) return
      // Coalesced events: a fast stylus gives 2–4 samples per frame; all of them make a smoother line.
      const samples: PenSample[] =
        active.kind === 'pen' && typeof e.getCoalescedEvents === 'function'
          ? e.getCoalescedEvents().map((sample) => ({ point: viewport.localPoint(sample), pointerType: sample.pointerType, pressure: sample.pressure }))
          : []
      dispatch({ type: 'move', pointer: input(e), samples }, e)
    }
    const onUp = (e: PointerEvent) => dispatch({ type: 'up', pointer: input(e), cancelled: e.type === 'pointercancel' }, e)
    window.addEventListener('pointermove', onMove)
    window.addEventListener('pointerup', onUp)
    window.addEventListener('pointercancel', onUp)
    return () => {
      window.removeEventListener('pointermove', onMove)
      window.removeEventListener('pointerup', onUp)
      window.removeEventListener('pointercancel', onUp)
    }
  }, [dispatch, input, canvasStore, viewport])

  useEffect(() => {
    const el = viewport.containerRef.current
    if (!el) return
    const onWheel = (e: WheelEvent) => {
      if (!(e.target instanceof HTMLCanvasElement)) return
      // Caught before Konva's own listener on the stage, which no shape uses: it would hit-test
      // every notch, redrawing the hit graph and reading it back from the canvas each time.
      e.stopPropagation()
      const wheel = { point: viewport.localPoint(e), deltaX: e.deltaX, deltaY: e.deltaY, deltaMode: e.deltaMode, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey }
      dispatch({ type: 'wheel', wheel }, e)
    }
    el.addEventListener('wheel', onWheel, { passive: false, capture: true })
    return () => el.removeEventListener('wheel', onWheel, { capture: true })
  }, [dispatch, viewport])

  const onPointerDown = useCallback(
    (e: ReactPointerEvent<HTMLDivElement>) => {
      if (!(e.target instanceof HTMLCanvasElement) || !viewport.stageRef.current) return
      dispatch({ type: 'down', pointer: input(e.nativeEvent) }, e.nativeEvent)
    },
    [dispatch, input, viewport],
  )

  const onDoubleClick = useCallback(
    (e: ReactMouseEvent<HTMLDivElement>) => {
      // Taken by an item already (the zoomed-out shape opened that item's editor).
      if (!(e.target instanceof HTMLCanvasElement) || !viewport.stageRef.current || e.nativeEvent.defaultPrevented) return
      dispatch({ type: 'doubleClick', point: viewport.localPoint(e) }, e.nativeEvent)
    },
    [dispatch, viewport],
  )

  return { onPointerDown, onDoubleClick, dispatch }
}
