import type Konva from 'konva'
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { Arrow, Circle, Ellipse, Group, Image as KonvaImage, Line, Path, Rect, Text } from 'react-konva'
import { endTargetOf, isCanvasItem, textHeight, TEXT_LINE_HEIGHT } from '../../../shared/logic/canvasItems'
import { isBound, resolveConnector } from '../../../shared/logic/connectors'
import type { DetailLevel, Point } from '../../../shared/logic/geometry'
import { matchesTagFilter, type TagFilter } from '../../../shared/logic/tags'
import { useItem } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { getUploadState, localImage, subscribeUpload } from './images/imageQueue'
import type { ItemHandlers } from './itemHandlers'
import { DIMMED_OPACITY, NOTE_FONT_FAMILY } from './NoteNode'
import { coarseLine } from './coarseDrawing'
import { strokeOutlinePath } from './strokePath'

interface NodeProps {
  store: WorkshopStore
  id: string
  handlers: ItemHandlers
  filter: TagFilter
  editing?: boolean
  /** From the committed camera; 'coarse' draws each item as one plain shape. */
  detail: DetailLevel
}

function useRegister(handlers: ItemHandlers, id: string) {
  return useCallback((node: Konva.Group | null) => handlers.register(id, node), [handlers, id])
}

/** Props every draggable item's group shares: Konva holds the position only while dragging. */
function dragProps(handlers: ItemHandlers, id: string) {
  return {
    draggable: handlers.editable,
    onPointerDown: (e: Konva.KonvaEventObject<PointerEvent>) => handlers.pointerDown(id, e),
    onDragStart: (e: Konva.KonvaEventObject<DragEvent>) => handlers.dragStart(id, e.currentTarget as Konva.Group),
    onDragMove: (e: Konva.KonvaEventObject<DragEvent>) => handlers.dragMove(id, e.currentTarget as Konva.Group),
    onDragEnd: (e: Konva.KonvaEventObject<DragEvent>) => handlers.dragEnd(id, e.currentTarget as Konva.Group),
    onDblClick: () => handlers.edit(id),
    onDblTap: () => handlers.edit(id),
  }
}

export const TextNode = memo(function TextNode({ store, id, handlers, filter, editing, detail }: NodeProps) {
  const item = useItem(store, id)
  const ref = useRegister(handlers, id)
  const text = item?.kind === 'text' ? item : undefined
  useLayoutEffect(() => {
    if (text) handlers.sizeChanged(id)
  }, [handlers, id, text])
  if (!text) return null
  if (detail === 'coarse') {
    // Unreadable when zoomed out: a faint block where the text is, the size every client estimates.
    return (
      <Group ref={ref} id={id} x={text.x} y={text.y} opacity={matchesTagFilter(text, filter) ? 1 : DIMMED_OPACITY} {...dragProps(handlers, id)}>
        <Rect width={text.w} height={textHeight(text.text, text.w, text.fontSize)} fill={text.color} opacity={0.2} perfectDrawEnabled={false} />
      </Group>
    )
  }
  return (
    <Group ref={ref} id={id} x={text.x} y={text.y} opacity={matchesTagFilter(text, filter) ? 1 : DIMMED_OPACITY} {...dragProps(handlers, id)}>
      <Text
        width={text.w}
        text={editing ? '' : text.text || ' '}
        fontSize={text.fontSize}
        lineHeight={TEXT_LINE_HEIGHT}
        fontFamily={NOTE_FONT_FAMILY}
        fill={text.color}
        wrap="word"
        perfectDrawEnabled={false}
        // Empty text is still grabbable.
        hitStrokeWidth={0}
      />
      <Rect width={text.w} height={text.fontSize * TEXT_LINE_HEIGHT} fill="transparent" />
    </Group>
  )
})

export const ShapeNode = memo(function ShapeNode({ store, id, handlers, filter, editing, detail }: NodeProps) {
  const item = useItem(store, id)
  const ref = useRegister(handlers, id)
  const shape = item?.kind === 'shape' ? item : undefined
  const w = shape?.w
  const h = shape?.h
  useLayoutEffect(() => {
    if (w !== undefined && h !== undefined) handlers.sizeChanged(id)
  }, [handlers, id, w, h])
  if (!shape) return null
  // A transparent fill keeps an unfilled shape grabbable anywhere inside.
  const fill = shape.fill || 'rgba(0,0,0,0)'
  const common = { fill, stroke: shape.stroke, strokeWidth: 2, perfectDrawEnabled: false, strokeScaleEnabled: false, fillEnabled: true }
  return (
    <Group ref={ref} id={id} x={shape.x} y={shape.y} opacity={matchesTagFilter(shape, filter) ? 1 : DIMMED_OPACITY} {...dragProps(handlers, id)}>
      {shape.shape === 'ellipse' ? (
        <Ellipse x={shape.w / 2} y={shape.h / 2} radiusX={shape.w / 2} radiusY={shape.h / 2} {...common} />
      ) : (
        <Rect width={shape.w} height={shape.h} cornerRadius={detail === 'coarse' ? 0 : 4} {...common} />
      )}
      {!editing && detail === 'full' && shape.text && (
        <Text
          x={8}
          y={8}
          width={Math.max(1, shape.w - 16)}
          height={Math.max(1, shape.h - 16)}
          text={shape.text}
          fontSize={18}
          fontFamily={NOTE_FONT_FAMILY}
          fill="#1a1a1a"
          align="center"
          verticalAlign="middle"
          wrap="word"
          ellipsis
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
    </Group>
  )
})

export const StrokeNode = memo(function StrokeNode({ store, id, handlers, filter, detail }: NodeProps) {
  const item = useItem(store, id)
  const ref = useRegister(handlers, id)
  const stroke = item?.kind === 'stroke' ? item : undefined
  const points = stroke?.points
  const size = stroke?.size
  const coarse = detail === 'coarse'
  const data = useMemo(() => (!coarse && points && size ? strokeOutlinePath(points, size) : ''), [coarse, points, size])
  const line = useMemo(() => (coarse && points ? coarseLine(points) : []), [coarse, points])
  if (!stroke) return null
  return (
    <Group ref={ref} id={id} x={stroke.x} y={stroke.y} opacity={matchesTagFilter({}, filter) ? 1 : DIMMED_OPACITY} {...dragProps(handlers, id)}>
      {coarse ? (
        <Line points={line} stroke={stroke.color} strokeWidth={stroke.size} hitStrokeWidth={12} perfectDrawEnabled={false} />
      ) : (
        <Path data={data} fill={stroke.color} perfectDrawEnabled={false} hitStrokeWidth={12} stroke="transparent" strokeWidth={0} />
      )}
    </Group>
  )
})

/** Per image record: where its pixels came from, for tests and the placeholder. */
export type ImageSourceState = 'loading' | 'local' | 'server' | 'missing'
export const imageSourceStates = new Map<string, ImageSourceState>()
const SERVER_RETRY_MS = 3000

/**
 * The photo's pixels: from this browser's queued blob while the upload has not happened, else from
 * the server (retried while the uploader is still offline and the server answers 404).
 */
function useImageElement(id: string, hash: string | undefined): { image: HTMLImageElement | null; state: ImageSourceState } {
  const [result, setResult] = useState<{ hash: string; image: HTMLImageElement | null; state: ImageSourceState } | null>(null)
  const upload = useSyncExternalStore(
    useCallback((listener: () => void) => (hash ? subscribeUpload(hash, listener) : () => undefined), [hash]),
    () => (hash ? getUploadState(hash)?.status : undefined),
  )
  const uploaded = upload === 'done'
  useEffect(() => {
    if (!hash) return
    let cancelled = false
    let objectUrl: string | null = null
    let timer: ReturnType<typeof setTimeout> | null = null
    const load = (src: string) =>
      new Promise<HTMLImageElement | null>((resolve) => {
        const img = new window.Image()
        img.onload = () => resolve(img)
        img.onerror = () => resolve(null)
        img.src = src
      })
    const attempt = async () => {
      // This browser's own upload that has not finished: no point asking the server yet.
      const queued = getUploadState(hash)
      const fromServer = queued && queued.status !== 'done' ? null : await load(`/api/images/${hash}`)
      if (cancelled) return
      if (fromServer) {
        setResult({ hash, image: fromServer, state: 'server' })
        return
      }
      const blob = await localImage(hash)
      if (cancelled) return
      if (blob) {
        objectUrl ??= URL.createObjectURL(blob)
        const local = await load(objectUrl)
        if (cancelled) return
        if (local) {
          setResult({ hash, image: local, state: 'local' })
          return
        }
      }
      setResult({ hash, image: null, state: 'missing' })
      timer = setTimeout(() => void attempt(), SERVER_RETRY_MS)
    }
    void attempt()
    return () => {
      cancelled = true
      if (timer) clearTimeout(timer)
      if (objectUrl) URL.revokeObjectURL(objectUrl)
    }
    // upload: when this browser's upload finishes, switch from the local blob to the server copy.
  }, [hash, uploaded])
  const current = result && result.hash === hash ? result : null
  const state = current?.state ?? 'loading'
  useEffect(() => {
    imageSourceStates.set(id, state)
    return () => {
      imageSourceStates.delete(id)
    }
  }, [id, state])
  return { image: current?.image ?? null, state }
}

export const ImageNode = memo(function ImageNode({ store, id, handlers, filter, labels }: NodeProps & { labels: { loading: string; missing: string } }) {
  const item = useItem(store, id)
  const ref = useRegister(handlers, id)
  const photo = item?.kind === 'image' ? item : undefined
  const { image, state } = useImageElement(id, photo?.hash)
  const w = photo?.w
  const h = photo?.h
  useLayoutEffect(() => {
    if (w !== undefined && h !== undefined) handlers.sizeChanged(id)
  }, [handlers, id, w, h])
  if (!photo) return null
  return (
    <Group ref={ref} id={id} x={photo.x} y={photo.y} opacity={matchesTagFilter({}, filter) ? 1 : DIMMED_OPACITY} {...dragProps(handlers, id)}>
      {image ? (
        <KonvaImage image={image} width={photo.w} height={photo.h} perfectDrawEnabled={false} />
      ) : (
        <>
          <Rect width={photo.w} height={photo.h} fill="#ecece8" stroke="#b8b8b2" strokeWidth={1} dash={[6, 4]} perfectDrawEnabled={false} />
          <Text
            width={photo.w}
            height={photo.h}
            padding={8}
            text={state === 'missing' ? labels.missing : labels.loading}
            fontSize={16}
            fontFamily={NOTE_FONT_FAMILY}
            fill="#3d3d3a"
            align="center"
            verticalAlign="middle"
            listening={false}
          />
        </>
      )}
    </Group>
  )
})

/**
 * An arrow. Subscribed to itself and to the (at most two) items its ends are bound to, nothing
 * else, so moving one note re-renders only the arrows attached to it.
 */
export const ConnectorNode = memo(function ConnectorNode({ store, id, handlers, filter, selected }: NodeProps & { selected: boolean }) {
  const item = useItem(store, id)
  const ref = useRegister(handlers, id)
  const connector = item?.kind === 'connector' ? item : undefined
  const fromId = connector && isBound(connector.from) ? connector.from.itemId : ''
  const toId = connector && isBound(connector.to) ? connector.to.itemId : ''
  const fromItem = useItem(store, fromId)
  const toItem = useItem(store, toId)
  const fromDrag = useDragOffset(handlers, fromId)
  const toDrag = useDragOffset(handlers, toId)
  const [handleDrag, setHandleDrag] = useState<{ which: 'from' | 'to'; point: Point } | null>(null)
  if (!connector) return null
  const shifted = (target: ReturnType<typeof endTargetOf>, offset: Point | null) => (target && offset ? { ...target, x: target.x + offset.x, y: target.y + offset.y } : target)
  const lookup = (itemId: string) => {
    if (itemId === fromId) return shifted(endTargetOf(isCanvasItem(fromItem) ? fromItem : undefined), fromDrag)
    if (itemId === toId) return shifted(endTargetOf(isCanvasItem(toItem) ? toItem : undefined), toDrag)
    return undefined
  }
  const from = handleDrag?.which === 'from' ? handleDrag.point : connector.from
  const to = handleDrag?.which === 'to' ? handleDrag.point : connector.to
  const ends = resolveConnector(from, to, lookup)
  if (!ends) return null
  const dimmed = !matchesTagFilter({}, filter)
  const handle = (which: 'from' | 'to', p: Point) => (
    <Circle
      key={which}
      name="sk-connector-handle"
      x={p.x}
      y={p.y}
      radius={8}
      fill="#ffffff"
      stroke="#1a5fb4"
      strokeWidth={2}
      hitStrokeWidth={14}
      draggable
      onPointerDown={(e) => {
        e.cancelBubble = true
      }}
      onDragMove={(e) => setHandleDrag({ which, point: e.target.position() })}
      onDragEnd={(e) => {
        const point = e.target.position()
        setHandleDrag(null)
        handlers.rebind(id, which, point)
      }}
    />
  )
  return (
    <Group ref={ref} id={id} opacity={dimmed ? DIMMED_OPACITY : 1}>
      <Arrow
        points={[ends.from.x, ends.from.y, ends.to.x, ends.to.y]}
        stroke={connector.color}
        fill={connector.color}
        strokeWidth={selected ? 3 : 2}
        pointerLength={connector.arrowhead === 'none' ? 0 : 12}
        pointerWidth={connector.arrowhead === 'none' ? 0 : 12}
        pointerAtBeginning={connector.arrowhead === 'both'}
        hitStrokeWidth={16}
        perfectDrawEnabled={false}
        onPointerDown={(e) => handlers.pointerDown(id, e)}
      />
      {selected && handlers.editable && handle('from', ends.from)}
      {selected && handlers.editable && handle('to', ends.to)}
    </Group>
  )
})

function useDragOffset(handlers: ItemHandlers, itemId: string): Point | null {
  const subscribe = useCallback((listener: () => void) => (itemId ? handlers.subscribeDrag(itemId, listener) : () => undefined), [handlers, itemId])
  const read = () => (itemId ? handlers.dragOffset(itemId) : null)
  return useSyncExternalStore(subscribe, read, read)
}
