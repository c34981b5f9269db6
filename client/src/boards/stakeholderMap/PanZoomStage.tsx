import Konva from 'konva'
import { useEffect, useLayoutEffect, useMemo, useState, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Stage } from 'react-konva'
import { fitCamera, zoomAt, type Camera, type Point, type Rect } from '../../../../shared/logic/geometry'
import { idleGestures, type GestureState } from '../../canvas/gestures/gestureReducer'
import { usePointerGestures, type GestureHost } from '../../canvas/gestures/usePointerGestures'
import { revealRect, ZOOM_STEP } from '../../canvas/canvasKeyboard'
import { formatPercent } from '../../i18n/format'
import { createStore, useStoreSlice, type Store } from '../../lib/createStore'
import { initialViewport, useViewport, type Viewport, type ViewportOptions, type ViewportState } from '../../canvas/viewport/useViewport'
import '../../canvas/viewport/placingHint.css'

const FIT_PADDING = 32

/** Tens of cards: redraw with every move (no preview, no overscan); React follows for the zoom label and cursors. */
const MAP_VIEWPORT: ViewportOptions = { overscan: 0, preview: false, commitMs: 150, settleMs: 0, dotGrid: false }

const noSelection: ReadonlySet<string> = new Set()

/** Konva nodes named this are dragged by Konva; a press anywhere else pans. */
export const DRAGGABLE_NAME = 'sm-draggable'

interface PanZoomState extends ViewportState {
  gesture: GestureState
  /** The person moved the camera: stop fitting the content until they press "show all". */
  cameraTouched: boolean
}

/** What the board's test hook reads of the stage shown now. */
export interface PanZoomView {
  session: Store<ViewportState>
  viewport: Viewport
  /**
   * Brings a board rectangle into view (a link's `&item=`), moving the camera only as far as
   * needed; false while the stage has no size yet. `visibleHeight`: how much of the stage, from its
   * top, is not covered (the panel's bottom sheet on a phone covers the rest).
   */
  reveal(rect: Rect, visibleHeight?: number): boolean
}

/** What a view passes on for "Move": the card being placed and what a click there does. */
export interface Placement {
  placingId: string | null
  onPlace(id: string, at: Point): void
}

interface PanZoomStageProps {
  /** What "show all" and the first view frame, in board coordinates. */
  contentBounds: Rect | null
  label: string
  testId: string
  /** Double-click or double tap on anything that is not a card. */
  onDoubleClickBoard?(point: Point): void
  /** Where the pointer (not a finger) is on the board, or null when it leaves (for presence). */
  onPointerBoard?(point: Point | null): void
  /** Set while this stage is shown. */
  viewRef: RefObject<PanZoomView | null>
  /**
   * "Move" pressed for this card: the next press on the stage puts it there (`onPlace`), the pointer
   * alternative to dragging (WCAG 2.5.7). Null when not placing.
   */
  placingId?: string | null
  onPlace?(id: string, at: Point): void
  children: (camera: Camera) => ReactNode
}

/**
 * A react-konva stage with the free canvas's viewport and gestures (canvas/viewport,
 * canvas/gestures): drag on empty space or wheel to pan, ctrl/pinch/wheel to zoom, buttons for
 * keyboard and projector use. The camera is session state of this view only.
 */
export function PanZoomStage({ contentBounds, label, testId, onDoubleClickBoard, onPointerBoard, viewRef, placingId = null, onPlace, children }: PanZoomStageProps) {
  const { t, i18n } = useTranslation('stakeholderMap')
  const [session] = useState(() => createStore<PanZoomState>({ ...initialViewport, gesture: idleGestures, cameraTouched: false }))
  const viewport = useViewport(session, MAP_VIEWPORT)
  const size = useStoreSlice(session, (s) => s.size)
  const camera = useStoreSlice(session, (s) => s.committedCamera)

  useLayoutEffect(() => {
    const view: PanZoomView = {
      session,
      viewport,
      reveal(rect, visibleHeight) {
        const { camera: shown, size: shownSize } = session.getState()
        if (shownSize.w === 0 || shownSize.h === 0) return false
        const area = visibleHeight === undefined ? shownSize : { w: shownSize.w, h: Math.max(0, Math.min(shownSize.h, visibleHeight)) }
        // Above a phone's bottom sheet the strip is short: the usual margin shrinks so the card fits, centred.
        const margin = visibleHeight === undefined ? undefined : Math.max(0, Math.min(48, (area.h - rect.h * shown.scale) / 2))
        const next = revealRect(shown, area, rect, margin)
        if (next !== shown) {
          session.setState({ cameraTouched: true })
          viewport.moveCamera(next)
        }
        return true
      },
    }
    viewRef.current = view
    return () => {
      if (viewRef.current === view) viewRef.current = null
    }
  }, [session, viewport, viewRef])

  // Until the person moves the camera, keep everything in view as content and size change.
  const boundsKey = contentBounds ? `${contentBounds.x}:${contentBounds.y}:${contentBounds.w}:${contentBounds.h}` : ''
  useLayoutEffect(() => {
    if (size.w === 0 || size.h === 0 || session.getState().cameraTouched) return
    viewport.moveCamera(fitCamera(contentBounds, size, FIT_PADDING))
    // boundsKey stands for contentBounds
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, viewport, size.w, size.h, boundsKey])

  const fit = () => {
    session.setState({ cameraTouched: false })
    viewport.moveCamera(fitCamera(contentBounds, session.getState().size, FIT_PADDING))
  }
  const zoomBy = (factor: number) => {
    session.setState({ cameraTouched: true })
    const { camera: shown, size: view } = session.getState()
    viewport.moveCamera(zoomAt(shown, { x: view.w / 2, y: view.h / 2 }, factor))
  }

  const host = useMemo<GestureHost>(
    () => ({
      context: () => ({
        camera: session.getState().camera,
        tool: 'select',
        canCreate: false,
        selection: noSelection,
        emptyDrag: 'pan',
        itemDragging: Konva.isDragging(),
        hitTest: (point) => {
          const hit = viewport.stageRef.current?.getIntersection(viewport.toStagePoint(point))
          return !!hit && (hit.hasName(DRAGGABLE_NAME) || !!hit.findAncestor(`.${DRAGGABLE_NAME}`))
        },
        bindableAt: () => null,
      }),
      run: (effect) => {
        switch (effect.type) {
          case 'cameraTouched':
          case 'cameraByPerson':
            return session.setState({ cameraTouched: true })
          case 'moveCamera':
            return viewport.moveCamera(effect.camera, effect.commit)
          case 'createAt':
            return onDoubleClickBoard?.(effect.at)
          case 'placeAt':
            for (const id of effect.ids) onPlace?.(id, effect.at)
            return
          default:
            // Nothing to select, draw or focus here: cards are Konva's.
            return
        }
      },
    }),
    [onDoubleClickBoard, onPlace, session, viewport],
  )
  const gestures = usePointerGestures(session, viewport, host)
  // The board decides what is being placed (its Move button, Escape); the reducer ends it on the click.
  const { dispatch } = gestures
  useEffect(() => dispatch({ type: 'place', ids: placingId === null ? null : new Set([placingId]) }), [dispatch, placingId])
  const placing = useStoreSlice(session, (s) => s.gesture.placing !== null)

  return (
    <div className="sm-stage" data-testid={testId}>
      <div
        ref={viewport.containerRef}
        className={`sm-stage__canvas${placing ? ' sm-stage__canvas--placing' : ''}`}
        data-placing={placing}
        role="img"
        aria-label={label}
        onPointerDown={gestures.onPointerDown}
        onDoubleClick={gestures.onDoubleClick}
        onPointerMove={(e) => {
          if (e.pointerType !== 'touch') onPointerBoard?.(viewport.toBoard(viewport.localPoint(e)))
        }}
        onPointerLeave={() => onPointerBoard?.(null)}
      >
        {size.w > 0 && size.h > 0 && (
          // While placing, Konva hears nothing: a press on a card is a place, never a drag or a select.
          <Stage ref={viewport.stageRef} width={size.w} height={size.h} listening={!placing}>
            {children(camera)}
          </Stage>
        )}
      </div>
      <div className="placing-hint" role="status" data-testid="placing-hint" hidden={!placing}>
        {placing ? t('move.hint') : ''}
      </div>
      <div className="sm-zoom" role="group" aria-label={t('toolbar.fit')}>
        <button type="button" className="sm-button sm-button--icon" onClick={() => zoomBy(1 / ZOOM_STEP)} aria-label={t('toolbar.zoomOut')} title={t('toolbar.zoomOut')}>
          −
        </button>
        <span className="sm-zoom__value" aria-live="polite">
          {formatPercent(Math.round(camera.scale * 100), i18n.resolvedLanguage)}
        </span>
        <button type="button" className="sm-button sm-button--icon" onClick={() => zoomBy(ZOOM_STEP)} aria-label={t('toolbar.zoomIn')} title={t('toolbar.zoomIn')}>
          +
        </button>
        <button type="button" className="sm-button" onClick={fit}>
          {t('toolbar.fit')}
        </button>
      </div>
    </div>
  )
}
