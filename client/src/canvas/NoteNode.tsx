import type Konva from 'konva'
import { memo, useCallback, useLayoutEffect } from 'react'
import { Group, Rect, Text } from 'react-konva'
import type { DetailLevel } from '../../../shared/logic/geometry'
import { NOTE_LINE_HEIGHT, NOTE_TEXT_PADDING, fitNoteFontSize } from '../../../shared/logic/noteTextFit'
import { matchesTagFilter, sdgInfo, type TagFilter } from '../../../shared/logic/tags'
import { useNote } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import type { ItemHandlers } from './itemHandlers'
import { noteInk, notePalette, notePlaceholderInk } from './notePalette'

export const NOTE_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

export type NoteHandlers = ItemHandlers

/** Below this share, items that do not match the tag filter are drawn: dimmed, never hidden. */
export const DIMMED_OPACITY = 0.22
const BADGE = 20

interface NoteNodeProps {
  store: WorkshopStore
  id: string
  /** Its text is being edited in the HTML overlay, so the canvas text is hidden. */
  editing: boolean
  placeholder: string
  handlers: NoteHandlers
  /** Stable while unchanged: a filter change re-renders each note once. */
  filter: TagFilter
  /** From the committed camera: changes only when the zoom crosses the threshold. */
  detail: DetailLevel
}

/**
 * One sticky note. Subscribed to its own record, so a remote change to one note re-renders one
 * note. Konva holds its position only while it is dragged; the board commits on drag end.
 */
export const NoteNode = memo(function NoteNode({ store, id, editing, placeholder, handlers, filter, detail }: NoteNodeProps) {
  const note = useNote(store, id)
  const ref = useCallback((node: Konva.Group | null) => handlers.register(id, node), [handlers, id])
  const w = note?.w
  const h = note?.h
  useLayoutEffect(() => {
    if (w !== undefined && h !== undefined) handlers.sizeChanged(id)
  }, [handlers, id, w, h])
  if (!note) return null
  const palette = notePalette[note.color]
  const opacity = matchesTagFilter(note, filter) ? 1 : DIMMED_OPACITY
  const events = {
    onPointerDown: (e: Konva.KonvaEventObject<PointerEvent>) => handlers.pointerDown(id, e),
    onDragStart: (e: Konva.KonvaEventObject<DragEvent>) => handlers.dragStart(id, e.currentTarget as Konva.Group),
    onDragMove: (e: Konva.KonvaEventObject<DragEvent>) => handlers.dragMove(id, e.currentTarget as Konva.Group),
    onDragEnd: (e: Konva.KonvaEventObject<DragEvent>) => handlers.dragEnd(id, e.currentTarget as Konva.Group),
    onDblClick: () => handlers.edit(id),
    onDblTap: () => handlers.edit(id),
  }
  if (detail === 'coarse') {
    // Zoomed out the text is unreadable: one filled rect, still selectable and draggable.
    return (
      <Group ref={ref} id={id} x={note.x} y={note.y} opacity={opacity} draggable {...events}>
        <Rect width={note.w} height={note.h} fill={palette.fill} perfectDrawEnabled={false} />
      </Group>
    )
  }
  const empty = note.text.length === 0
  const shown = empty ? placeholder : note.text
  const badges = note.sdgs.length > 0 && note.w >= 60 && note.h >= 60
  const fontSize = fitNoteFontSize(shown, note.w, badges ? note.h - BADGE - 4 : note.h)
  const perRow = Math.max(1, Math.floor((note.w - 8) / (BADGE + 2)))
  return (
    <Group
      ref={ref}
      id={id}
      x={note.x}
      y={note.y}
      opacity={opacity}
      // Always draggable: while panning the whole layer stops listening instead, which costs no render.
      draggable
      {...events}
    >
      <Rect width={note.w} height={note.h} fill={palette.fill} stroke={palette.edge} strokeWidth={1} cornerRadius={3} perfectDrawEnabled={false} />
      {/* A darker lower edge inside the note reads as paper thickness: cheaper than a blurred
          shadow, and it keeps the node's bounds equal to the note for the resize frame. */}
      <Rect y={note.h - 4} width={note.w} height={4} fill={palette.edge} cornerRadius={[0, 0, 3, 3]} listening={false} perfectDrawEnabled={false} />
      {!editing && (
        <Text
          x={NOTE_TEXT_PADDING}
          y={NOTE_TEXT_PADDING}
          width={note.w - NOTE_TEXT_PADDING * 2}
          height={note.h - NOTE_TEXT_PADDING * 2 - (badges ? BADGE + 4 : 0)}
          text={shown}
          fontSize={fontSize}
          fontFamily={NOTE_FONT_FAMILY}
          fontStyle={empty ? 'italic' : 'normal'}
          lineHeight={NOTE_LINE_HEIGHT}
          fill={empty ? notePlaceholderInk : noteInk}
          wrap="word"
          ellipsis
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      {badges &&
        note.sdgs.slice(0, perRow).map((n, i) => {
          const sdg = sdgInfo(n)
          if (!sdg) return null
          // Coloured square with the number in white or black (contrast ≥ 4.5:1): never colour alone.
          return (
            <Group key={n} x={4 + i * (BADGE + 2)} y={note.h - 6 - BADGE} listening={false}>
              <Rect width={BADGE} height={BADGE} fill={sdg.color} cornerRadius={2} perfectDrawEnabled={false} />
              <Text width={BADGE} height={BADGE} text={String(n)} fontSize={11} fontStyle="bold" fontFamily={NOTE_FONT_FAMILY} fill={sdg.ink} align="center" verticalAlign="middle" perfectDrawEnabled={false} />
            </Group>
          )
        })}
    </Group>
  )
})
