import type Konva from 'konva'
import { useMemo, useRef, type RefObject } from 'react'
import type { CanvasActions } from '../canvasActions'
import type { CanvasStore } from '../canvasState'
import type { CanvasItems } from '../itemHandlers'
import { strokeOutlinePath } from '../strokePath'
import type { Viewport } from '../viewport/useViewport'
import { PEN_SIZE } from './drawingPlans'
import type { GestureEffect } from './gestureReducer'
import { usePointerGestures, type GestureHost, type PointerGestures } from './usePointerGestures'

/**
 * The free canvas's gestures: the reducer's effects carried out on the canvas (camera, selection,
 * drafts, new notes and drawings). The live pen path is drawn straight into a Konva Path from
 * pointer events, never through React.
 */
export function useCanvasGestures(canvasStore: CanvasStore, viewport: Viewport, actions: CanvasActions, items: CanvasItems): PointerGestures & { penPathRef: RefObject<Konva.Path | null> } {
  const penPathRef = useRef<Konva.Path>(null)
  const host = useMemo<GestureHost>(() => {
    const paintPen = (samples: readonly number[]) => {
      const path = penPathRef.current
      if (!path) return
      path.data(samples.length > 0 ? strokeOutlinePath(samples, PEN_SIZE) : '')
      path.getLayer()?.batchDraw()
    }
    const run = (effect: Exclude<GestureEffect, { type: 'preventDefault' }>) => {
      switch (effect.type) {
        case 'focusCanvas':
          return actions.focusCanvas()
        case 'cameraTouched':
          return canvasStore.setState({ cameraTouched: true })
        case 'cameraByPerson':
          return actions.cameraByPerson()
        case 'moveCamera':
          // The text editor is laid over its item: while it is open, the camera commits at once.
          return viewport.moveCamera(effect.camera, canvasStore.getState().editingId !== null ? 'now' : effect.commit)
        case 'select':
          return actions.select(effect.ids)
        case 'marquee':
          return canvasStore.setState({ marquee: effect.rect })
        case 'selectInRect':
          return actions.selectInRect(effect.rect, effect.base)
        case 'draft':
          return canvasStore.setState({ draft: effect.draft })
        case 'penPath':
          return paintPen(effect.samples)
        case 'createAt':
          return actions.createNoteAt(effect.at)
        case 'createText':
          return actions.createTextAt(effect.at)
        case 'placeAt':
          return actions.placeItems(effect.ids, effect.at)
        case 'drawn':
          actions.finishDrawing(effect.gesture, effect.end)
          // The stroke node draws from the record in the same frame; the live path can go.
          if (effect.gesture.kind === 'pen') paintPen([])
          return
        default: {
          const never: never = effect
          throw new Error(`unexpected gesture effect ${JSON.stringify(never)}`)
        }
      }
    }
    return {
      context: () => {
        const s = canvasStore.getState()
        return {
          camera: s.camera,
          tool: s.tool,
          canCreate: s.access.canCreate,
          selection: s.selection,
          emptyDrag: 'marquee',
          itemDragging: items.isDragging(),
          hitTest: (point) => !!viewport.stageRef.current?.getIntersection(viewport.toStagePoint(point)),
          bindableAt: (board) => actions.bindableAt(board),
        }
      },
      run: (effect) => {
        if (effect.type !== 'preventDefault') run(effect)
      },
    }
  }, [actions, items, canvasStore, viewport])
  return { ...usePointerGestures(canvasStore, viewport, host), penPathRef }
}
