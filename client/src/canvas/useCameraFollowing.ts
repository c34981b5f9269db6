import { useCallback, useEffect, useLayoutEffect, useSyncExternalStore } from 'react'
import { cameraForView, viewOfCamera } from '../session/followView'
import { sessionBus, type CameraRequest } from '../session/sessionBus'
import type { WorkshopStore } from '../store/WorkshopStore'
import type { CanvasActions } from './canvasActions'
import type { CanvasStore, CanvasState } from './canvasState'
import { useStoreSlice } from '../lib/createStore'
import type { Viewport } from './viewport/useViewport'

interface CameraDeps {
  store: WorkshopStore
  boardId: string
  canvasStore: CanvasStore
  viewport: Viewport
  actions: CanvasActions
  /** Only the facilitator can be followed or bring everyone to their view. */
  publishesView: boolean
}

/**
 * Where the camera goes without the person moving it: the board's content, fitted, until they
 * do; a camera asked for by following or "bring everyone here" (session/sessionBus.ts), kept in the
 * middle when the canvas changes size; and, for the facilitator, their own view out to the others.
 */
export function useCameraFollowing({ store, boardId, canvasStore, viewport, actions, publishesView }: CameraDeps): void {
  const size = useStoreSlice(canvasStore, (s) => s.size)
  const hasContent = useSyncExternalStore(
    useCallback((listener: () => void) => store.subscribe(`items:${boardId}`, listener), [store, boardId]),
    () => store.getItemIds(boardId).length > 0,
  )

  // Until the person moves the camera, keep the board's content in view as it loads.
  useLayoutEffect(() => {
    const { cameraTouched, pendingCamera } = canvasStore.getState()
    if (size.w === 0 || size.h === 0 || cameraTouched || pendingCamera) return
    actions.fitToContent()
  }, [actions, canvasStore, size.w, size.h, hasContent])

  const applyCamera = useCallback(
    (request: CameraRequest) => {
      const current = canvasStore.getState().size
      if (current.w === 0 || current.h === 0) {
        canvasStore.setState({ pendingCamera: request })
        return
      }
      canvasStore.setState({ pendingCamera: null, requestedCamera: request, cameraTouched: true })
      sessionBus(store).cameraApplied(request)
      viewport.moveCamera(cameraForView(request.view, current))
    },
    [canvasStore, store, viewport],
  )
  useEffect(
    () =>
      sessionBus(store).onCamera((request) => {
        if (request.boardId === boardId) applyCamera(request)
      }),
    [applyCamera, boardId, store],
  )
  // Applied again when the canvas changes size (a notice above it appears, the phone turns), so
  // the followed view stays in the middle until the person moves the camera themselves.
  useLayoutEffect(() => {
    const { pendingCamera, requestedCamera } = canvasStore.getState()
    const again = pendingCamera ?? requestedCamera
    if (again && size.w > 0 && size.h > 0) applyCamera(again)
  }, [applyCamera, canvasStore, size.w, size.h])

  // The facilitator's view goes out with the committed camera: at most every commit during a
  // gesture and never while still, one person's presence, cheaper than their cursor.
  useEffect(() => {
    if (!publishesView) return
    const publish = (s: CanvasState) => {
      if (s.size.w > 0 && s.size.h > 0) store.setView({ boardId, ...viewOfCamera(s.committedCamera, s.size) })
    }
    publish(canvasStore.getState())
    const off = canvasStore.subscribe((s, previous) => {
      if (s.committedCamera !== previous.committedCamera || s.size !== previous.size) publish(s)
    })
    return () => {
      off()
      store.setView(null)
    }
  }, [boardId, publishesView, canvasStore, store])
}
