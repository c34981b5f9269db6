import type Konva from 'konva'
import { memo, useCallback, useLayoutEffect, useMemo, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Arrow, Ellipse, Layer, Path, Rect, Stage, Transformer } from 'react-konva'
import { planResizeItem } from '../../../shared/logic/canvasItems'
import { detailForScale } from '../../../shared/logic/geometry'
import type { ItemRecord } from '../../../shared/schema/schema'
import { matchesMedia } from '../ui/useMediaQuery'
import type { CommitPlan } from '../store/useCommitPlan'
import type { BoardVoting } from '../session/useBoardVote'
import type { WorkshopStore } from '../store/WorkshopStore'
import type { CanvasActions } from './canvasActions'
import type { CanvasStore } from './canvasState'
import { CursorsLayer } from './CursorsLayer'
import { DEFAULT_INK } from './inkColors'
import type { ItemHandlers } from './itemHandlers'
import { CoarseItems } from './CoarseItems'
import type { DotsOf } from './coarseDrawing'
import type { ItemIndex } from './itemIndex'
import { ConnectorNode, ImageNode, ShapeNode, StrokeNode, TextNode } from './itemNodes'
import { NoteNode } from './NoteNode'
import { useStoreSlice } from '../lib/createStore'
import { isDrawingTool } from './tools'
import { redrawRegions } from './viewport/regionRedraw'
import { lazyHitGraph, overscanOf, skipBlankDraws } from './viewport/stagePainting'
import type { Viewport } from './viewport/useViewport'

/** Resize handles a finger can hit on touch screens. */
const ANCHOR_SIZE = matchesMedia('(pointer: coarse)') ? 22 : 12

interface CanvasStageProps {
  store: WorkshopStore
  boardId: string
  canvasStore: CanvasStore
  index: ItemIndex
  viewport: Viewport
  handlers: ItemHandlers
  nodes: ReadonlyMap<string, Konva.Group>
  actions: CanvasActions
  commit: CommitPlan
  voting: BoardVoting
  canEdit: boolean
  transformerRef: RefObject<Konva.Transformer | null>
  penPathRef: RefObject<Konva.Path | null>
  /** Share of the view the stage reaches beyond it on every side (see viewport/useViewport.ts). */
  overscan: number
}

/**
 * The Konva stage, layers bottom to top: items, selection (resize frame and marquee), what is
 * being drawn, other people's cursors. Its position and scale are set by the viewport, never by
 * React props, so a camera move renders nothing here.
 */
export function CanvasStage(props: CanvasStageProps) {
  const { store, boardId, canvasStore, viewport, overscan: ratio, penPathRef } = props
  const { t } = useTranslation('canvas')
  const size = useStoreSlice(canvasStore, (s) => s.size)
  const scale = useStoreSlice(canvasStore, (s) => s.committedCamera.scale)
  const panning = useStoreSlice(canvasStore, (s) => s.tool === 'hand' || s.gesture.spaceHeld)
  const drawingTool = useStoreSlice(canvasStore, (s) => isDrawingTool(s.tool))
  const placing = useStoreSlice(canvasStore, (s) => s.gesture.placing !== null)
  // Items stop listening while another tool is active or a destination is picked: Konva must not
  // start dragging them, and a press on an item is a place to put the moved items.
  const listening = !panning && !drawingTool && !placing
  if (size.w === 0 || size.h === 0) return null
  const overscan = overscanOf(size, ratio)
  return (
    <Stage ref={viewport.stageRef} width={size.w + 2 * overscan.x} height={size.h + 2 * overscan.y} style={{ position: 'absolute', left: -overscan.x, top: -overscan.y }}>
      <ItemsLayer store={store} canvasStore={canvasStore} index={props.index} nodes={props.nodes} handlers={props.handlers} voting={props.voting} listening={listening} />
      <SelectionLayer {...props} listening={listening} />
      {/* What is being drawn: React for shapes and arrows, the pen path directly from pointer events. */}
      <Layer ref={skipBlankDraft} listening={false}>
        <DraftShape canvasStore={canvasStore} />
        <Path ref={penPathRef} fill={DEFAULT_INK} data="" perfectDrawEnabled={false} />
      </Layer>
      <CursorsLayer store={store} boardId={boardId} scale={scale} anonymousName={t('anonymous')} />
    </Stage>
  )
}

/**
 * The mounted items (culling.ts decides which), each its own memoised node subscribed to its record.
 * Zoomed out, notes, text, shapes and strokes are drawn by CoarseItems shapes instead, one for each
 * stretch of the stacking order between two mounted nodes (photos, arrows, the selection), so
 * everything is drawn in the same order as at full zoom. At full zoom one CoarseItems at the bottom
 * fills in, during a wheel gesture, what is not mounted yet (nothing at rest).
 */
const ItemsLayer = memo(function ItemsLayer({ store, canvasStore, index, nodes, handlers, voting, listening }: Pick<CanvasStageProps, 'store' | 'canvasStore' | 'index' | 'nodes' | 'handlers' | 'voting'> & { listening: boolean }) {
  const { t } = useTranslation('canvas')
  const rendered = useStoreSlice(canvasStore, (s) => s.rendered)
  const editingId = useStoreSlice(canvasStore, (s) => s.editingId)
  const filter = useStoreSlice(canvasStore, (s) => s.filter)
  const soleSelected = useStoreSlice(canvasStore, (s) => (s.selection.size === 1 ? [...s.selection][0]! : null))
  // From the committed camera, so the level switches at a redraw, never mid-gesture.
  const detail = useStoreSlice(canvasStore, (s) => detailForScale(s.committedCamera.scale))
  const placeholder = t('note.placeholder')
  const imageLabels = useMemo(() => ({ loading: t('image.uploading'), missing: t('image.missing') }), [t])
  // Notes show dots only on the board the vote is on: plain numbers per note, never a subscription each.
  const voteView = voting.view
  const canVote = voting.canVote
  const dots = useMemo<DotsOf | null>(
    () =>
      voteView
        ? (id) => ({
            mine: canVote ? (voteView.mine[id] ?? 0) : -1,
            total: !voteView.totals ? -1 : voteView.open ? (voteView.totals[id] ?? 0) : (voteView.totals[id] ?? -1),
          })
        : null,
    [voteView, canVote],
  )
  const coarse = detail === 'coarse'
  // A changed item redraws where it was and where it is, not the layer (viewport/regionRedraw.ts).
  const layerRef = useCallback(
    (layer: Konva.Layer | null) => {
      if (!layer) return
      lazyHitGraph(layer)
      return redrawRegions(layer, index)
    },
    [index],
  )
  const drawnBetween = (after: string | null, before: string | null) => (
    <CoarseItems key={`coarse:${after ?? ''}`} index={index} canvasStore={canvasStore} handlers={handlers} nodes={nodes} filter={filter} dots={dots} coarse={coarse} after={after} before={before} />
  )
  // One flat keyed list, so a node mounted between two others leaves every other node in place.
  const children: ReactNode[] = []
  if (!coarse) children.push(drawnBetween(null, null))
  let after: string | null = null
  for (const id of rendered) {
    // Two neighbours in the stacking order have nothing between them to draw.
    const gap = (index.get(id)?.order ?? 0) - (after === null ? -1 : (index.get(after)?.order ?? -1))
    if (coarse && gap > 1) children.push(drawnBetween(after, id))
    children.push(itemNode(id))
    after = id
  }
  if (coarse) children.push(drawnBetween(after, null))
  return (
    <Layer ref={layerRef} listening={listening}>
      {children}
    </Layer>
  )

  function itemNode(id: string) {
    const common = { detail, store, id, handlers, filter }
    switch (store.getItem(id)?.kind) {
      case 'note':
        return (
          <NoteNode
            {...common}
            key={id}
            editing={id === editingId}
            placeholder={placeholder}
            myDots={dots ? dots(id).mine : voting.canVote ? 0 : -1}
            totalDots={dots ? dots(id).total : -1}
          />
        )
      case 'text':
        return <TextNode {...common} key={id} editing={id === editingId} />
      case 'shape':
        return <ShapeNode {...common} key={id} editing={id === editingId} />
      case 'stroke':
        return <StrokeNode {...common} key={id} />
      case 'image':
        return <ImageNode {...common} key={id} labels={imageLabels} />
      case 'connector':
        return <ConnectorNode {...common} key={id} selected={soleSelected === id} />
      default:
        // Kinds of other boards (stakeholders, cards) never belong here; skip rather than crash.
        return null
    }
  }
})

/** The resize frame around what is selected (arrows show end handles instead) and the marquee. */
function SelectionLayer({ canvasStore, nodes, actions, commit, canEdit, transformerRef, listening }: CanvasStageProps & { listening: boolean }) {
  const selection = useStoreSlice(canvasStore, (s) => s.selection)
  const rendered = useStoreSlice(canvasStore, (s) => s.rendered)
  const editingId = useStoreSlice(canvasStore, (s) => s.editingId)
  const marquee = useStoreSlice(canvasStore, (s) => s.marquee)
  const scale = useStoreSlice(canvasStore, (s) => s.committedCamera.scale)
  const { lookupItem } = actions
  const single = selection.size === 1 ? lookupItem([...selection][0]!) : undefined
  const anchors = transformerAnchors(single?.kind, selection.size)

  useLayoutEffect(() => {
    const transformer = transformerRef.current
    if (!transformer) return
    const framed = [...selection].filter((id) => id !== editingId && lookupItem(id)?.kind !== 'connector').flatMap((id) => nodes.get(id) ?? [])
    transformer.nodes(framed)
    transformer.getLayer()?.batchDraw()
  }, [selection, rendered, editingId, lookupItem, nodes, transformerRef])

  const onTransformEnd = useCallback(
    (event: Konva.KonvaEventObject<Event>) => {
      const node = event.target
      const id = node.id()
      const item = lookupItem(id)
      if (!item) return
      const patch = planResizeItem(item, { x: node.x(), y: node.y(), scaleX: node.scaleX(), scaleY: node.scaleY() })
      node.setAttrs({ ...(patch ? { x: patch.x, y: patch.y } : {}), scaleX: 1, scaleY: 1 })
      if (patch) commit({ updateItems: [{ id, patch }] })
    },
    [commit, lookupItem],
  )

  const boundBox = useCallback(
    (oldBox: BoxLike, newBox: BoxLike) => {
      const k = canvasStore.getState().camera.scale
      const tooSmall = Math.abs(newBox.width) < 8 * k || Math.abs(newBox.height) < 8 * k
      const tooLarge = Math.abs(newBox.width) > 10_000 * k || Math.abs(newBox.height) > 10_000 * k
      return tooSmall || tooLarge ? oldBox : newBox
    },
    [canvasStore],
  )

  return (
    <Layer ref={skipBlankSelection} listening={listening}>
      <Transformer
        ref={transformerRef}
        rotateEnabled={false}
        flipEnabled={false}
        keepRatio={single?.kind === 'image'}
        ignoreStroke
        resizeEnabled={anchors.length > 0 && editingId === null && canEdit}
        enabledAnchors={anchors}
        anchorSize={ANCHOR_SIZE}
        anchorCornerRadius={ANCHOR_SIZE / 2}
        anchorStroke="#1a5fb4"
        anchorFill="#ffffff"
        borderStroke="#1a5fb4"
        borderStrokeWidth={2}
        padding={2}
        boundBoxFunc={boundBox}
        onTransformEnd={onTransformEnd}
      />
      {marquee && (
        <Rect
          x={marquee.x}
          y={marquee.y}
          width={marquee.w}
          height={marquee.h}
          fill="rgba(26,95,180,0.08)"
          stroke="#1a5fb4"
          strokeWidth={1 / scale}
          dash={[4 / scale, 4 / scale]}
          listening={false}
        />
      )}
    </Layer>
  )
}

/** The selection layer has something to draw: a resize frame around something, or the marquee. */
const skipBlankSelection = (layer: Konva.Layer | null) =>
  skipBlankDraws(layer, (l) => l.getChildren().some((c) => c.getClassName() !== 'Transformer' || (c as Konva.Transformer).nodes().length > 0))

/** The draft layer has something to draw: a shape or arrow being drawn, or a pen path. */
const skipBlankDraft = (layer: Konva.Layer | null) => skipBlankDraws(layer, (l) => l.getChildren().some((c) => c.getClassName() !== 'Path' || (c as Konva.Path).data() !== ''))

/** The shape or arrow being drawn, dashed. */
function DraftShape({ canvasStore }: { canvasStore: CanvasStore }) {
  const draft = useStoreSlice(canvasStore, (s) => s.draft)
  if (draft?.kind === 'arrow') {
    return <Arrow points={[draft.from.x, draft.from.y, draft.to.x, draft.to.y]} stroke={DEFAULT_INK} fill={DEFAULT_INK} strokeWidth={2} pointerLength={12} pointerWidth={12} dash={[6, 4]} />
  }
  if (draft?.kind !== 'shape') return null
  const { rect } = draft
  return draft.shape === 'ellipse' ? (
    <Ellipse x={rect.x + rect.w / 2} y={rect.y + rect.h / 2} radiusX={rect.w / 2} radiusY={rect.h / 2} stroke={DEFAULT_INK} strokeWidth={2} strokeScaleEnabled={false} dash={[6, 4]} />
  ) : (
    <Rect x={rect.x} y={rect.y} width={rect.w} height={rect.h} stroke={DEFAULT_INK} strokeWidth={2} strokeScaleEnabled={false} dash={[6, 4]} cornerRadius={4} />
  )
}

type Anchor = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' | 'middle-left' | 'middle-right' | 'top-center' | 'bottom-center'
const allAnchors: Anchor[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'middle-left', 'middle-right', 'top-center', 'bottom-center']

/** Which resize handles a single selected item gets: text only its width, photos only corners. */
function transformerAnchors(kind: ItemRecord['kind'] | undefined, count: number): Anchor[] {
  if (count !== 1) return []
  switch (kind) {
    case 'note':
    case 'shape':
      return allAnchors
    case 'image':
      return ['top-left', 'top-right', 'bottom-left', 'bottom-right']
    case 'text':
      return ['middle-left', 'middle-right']
    default:
      return []
  }
}

interface BoxLike {
  x: number
  y: number
  width: number
  height: number
  rotation: number
}
