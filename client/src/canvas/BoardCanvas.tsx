import Konva from 'konva'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useItemFocus } from '../lib/itemFocus'
import { useTranslation } from 'react-i18next'
import { CanvasFocusDescription } from '../a11y/CanvasFocusDescription'
import { useCommitPlan } from '../store/useCommitPlan'
import { useHideNote } from '../facilitation/useHideNote'
import { useBoardAccess } from '../session/BoardAccessContext'
import { sessionBus } from '../session/sessionBus'
import { useBoardVote } from '../session/useBoardVote'
import type { WorkshopStore } from '../store/WorkshopStore'
import { createCanvasActions } from './canvasActions'
import { EditorOverlay, FilterPanel, NoticeBanner, PlacingHint, SelectionTools } from './CanvasOverlays'
import { createCanvasStore } from './canvasState'
import { CanvasStage } from './CanvasStage'
import { CanvasToolbar } from './CanvasToolbar'
import { watchCulling } from './culling'
import { ItemIndex } from './itemIndex'
import { useCanvasGestures } from './gestures/useCanvasGestures'
import { createCanvasItems } from './itemHandlers'
import { useStoreSlice } from '../lib/createStore'
import { isDrawingTool } from './tools'
import { useCameraFollowing } from './useCameraFollowing'
import { useCanvasKeyboard } from './useCanvasKeyboard'
import { useCanvasTestHook } from './useCanvasTestHook'
import { useImageInput } from './useImageInput'
import { useCursorPresence } from './viewport/useCursorPresence'
import { useViewport, type ViewportOptions } from './viewport/useViewport'
import './canvas.css'

// Sharp on retina, but a 3x phone would triple fill cost for little visible gain.
if (typeof window !== 'undefined') Konva.pixelRatio = Math.min(2, window.devicePixelRatio || 1)

/**
 * During pan and zoom the last drawn picture moves at once (a CSS transform); the stage is redrawn
 * with the real camera, and React (culling, overlays) catches up, every 150 ms and at gesture end.
 * A wheel has no gesture end: while its notches come, the stage is redrawn every 150 ms with the
 * nodes it has and the coarse pass draws what they do not cover, and React catches up once the
 * wheel has been still for 200 ms (a commit mounts hundreds of notes between 33 % and 100 %).
 * The stage is 25 % of the view larger on every side, so a pan between two redraws reveals
 * already drawn items rather than blank paper; culling mounts items exactly that far.
 */
const CANVAS_VIEWPORT: ViewportOptions = { overscan: 0.25, preview: true, commitMs: 150, settleMs: 200, dotGrid: true }

interface BoardCanvasProps {
  store: WorkshopStore
  boardId: string
}

/** The infinite canvas of one board. Session state (camera, selection, tool) starts fresh per board. */
export function BoardCanvas({ store, boardId }: BoardCanvasProps) {
  return <BoardCanvasSession key={boardId} store={store} boardId={boardId} />
}

function BoardCanvasSession({ store, boardId }: BoardCanvasProps) {
  const { t } = useTranslation('canvas')
  // What this person may do here (role, lock, private writing) and the vote on this board, read
  // once for the whole canvas: notes get plain numbers, never their own subscription.
  const access = useBoardAccess()
  const voting = useBoardVote(store, boardId)
  const hideNote = useHideNote(store)

  // ---- the canvasStore store and what acts on it ---------------------------------------------------
  const [canvasStore] = useState(() => createCanvasStore({ access, voting, pendingCamera: sessionBus(store).takeCamera(boardId) }))
  useLayoutEffect(() => canvasStore.setState({ access, voting }), [canvasStore, access, voting])
  const viewport = useViewport(canvasStore, CANVAS_VIEWPORT)
  const commit = useCommitPlan(store, (error) => canvasStore.setState({ notice: { tone: 'error', text: error.message } }))
  const actions = useMemo(() => createCanvasActions({ store, boardId, canvasStore, viewport, commit }), [store, boardId, canvasStore, viewport, commit])
  const transformerRef = useRef<Konva.Transformer>(null)
  const items = useMemo(() => createCanvasItems({ store, canvasStore, actions, commit, transformerRef }), [store, canvasStore, actions, commit])
  const handlers = useMemo(() => items.handlersFor(access.canEdit), [items, access.canEdit])
  const pickerRef = useRef<HTMLInputElement>(null)

  const [index] = useState(() => new ItemIndex(store, boardId))
  useLayoutEffect(() => index.connect(), [index])
  useLayoutEffect(() => watchCulling(index, canvasStore, CANVAS_VIEWPORT.overscan), [index, canvasStore])
  const gestures = useCanvasGestures(canvasStore, viewport, actions, items)
  useCanvasKeyboard({ store, boardId, canvasStore, viewport, actions, pickerRef, dispatchGesture: gestures.dispatch })
  useCameraFollowing({ store, boardId, canvasStore, viewport, actions, publishesView: access.role === 'facilitator' })
  const images = useImageInput({ store, boardId, canvasStore, viewport, actions, commit })
  const cursor = useCursorPresence(store, boardId)
  useEffect(() => store.setViewedBoard(boardId), [store, boardId])
  useCanvasTestHook({ store, boardId, canvasStore, viewport, actions, items })
  // A link to an item (`&item=`, lib/itemFocus.ts): selected and brought into view once the canvas has a size.
  const focusLinkedItem = useCallback(
    (id: string) => {
      if (canvasStore.getState().size.w === 0) return false
      canvasStore.setState({ cameraTouched: true })
      actions.focusItem(id)
      return true
    },
    [canvasStore, actions],
  )
  useItemFocus(store, boardId, focusLinkedItem)
  useEffect(() => {
    if (hideNote.error) actions.notify({ tone: 'error', text: hideNote.error })
  }, [actions, hideNote.error])

  // ---- render ----------------------------------------------------------------------------------
  const tool = useStoreSlice(canvasStore, (s) => s.tool)
  const panning = useStoreSlice(canvasStore, (s) => s.tool === 'hand' || s.gesture.spaceHeld)
  const dropping = useStoreSlice(canvasStore, (s) => s.dropping)
  const focusedId = useStoreSlice(canvasStore, (s) => (s.selection.size === 1 ? [...s.selection][0]! : null))
  const placing = useStoreSlice(canvasStore, (s) => s.gesture.placing !== null)
  const drawing = isDrawingTool(tool) && !panning && !placing
  return (
    <div
      ref={viewport.containerRef}
      className={`sk-board-canvas${panning ? ' sk-panning' : ''}${placing && !panning ? ' sk-placing' : ''}${drawing ? (tool === 'text' ? ' sk-texting' : ' sk-drawing') : ''}`}
      data-testid="board-canvas"
      data-tool={tool}
      data-placing={placing}
      tabIndex={0}
      role="application"
      aria-label={t('canvasLabel')}
      aria-describedby={`canvas-keys-${boardId}`}
      onPointerDown={gestures.onPointerDown}
      onPointerMove={(e) => {
        if (e.pointerType !== 'touch') cursor.move(viewport.toBoard(viewport.localPoint(e)))
      }}
      onDoubleClick={gestures.onDoubleClick}
      onPointerLeave={(e) => {
        if (e.pointerType !== 'touch') cursor.hide()
      }}
      onContextMenu={(e) => {
        if (e.target instanceof HTMLCanvasElement) e.preventDefault()
      }}
      {...images.dropHandlers}
    >
      <CanvasFocusDescription store={store} focusedId={focusedId} readingItems={actions.readingItems} hintId={`canvas-keys-${boardId}`} />
      <CanvasStage
        store={store}
        boardId={boardId}
        canvasStore={canvasStore}
        index={index}
        viewport={viewport}
        handlers={handlers}
        nodes={items.nodes}
        actions={actions}
        commit={commit}
        voting={voting}
        canEdit={access.canEdit}
        transformerRef={transformerRef}
        penPathRef={gestures.penPathRef}
        overscan={CANVAS_VIEWPORT.overscan}
      />
      <EditorOverlay store={store} canvasStore={canvasStore} actions={actions} />
      <FilterPanel store={store} canvasStore={canvasStore} boardId={boardId} />
      <SelectionTools store={store} canvasStore={canvasStore} actions={actions} voting={voting} canEdit={access.canEdit} hideNote={hideNote} dispatchGesture={gestures.dispatch} />
      <PlacingHint canvasStore={canvasStore} />
      {dropping && <div className="sk-drop-hint">{t('image.dropHint')}</div>}
      <NoticeBanner canvasStore={canvasStore} actions={actions} />
      <CanvasToolbar store={store} access={access} canvasStore={canvasStore} actions={actions} pickerRef={pickerRef} onImages={(files) => void images.addImages(files)} />
    </div>
  )
}
