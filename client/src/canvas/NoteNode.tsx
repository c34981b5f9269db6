import type Konva from 'konva'
import { memo, useCallback, useLayoutEffect } from 'react'
import { Group, Rect, Text } from 'react-konva'
import { NOTE_LINE_HEIGHT, NOTE_TEXT_PADDING, fitNoteFontSize } from '../../../shared/logic/noteTextFit'
import { useNote } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { noteInk, notePalette, notePlaceholderInk } from './notePalette'

export const NOTE_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

/** Gestures the board handles for every note; one stable object so memoised notes skip renders. */
export interface NoteHandlers {
  register(id: string, node: Konva.Group | null): void
  pointerDown(id: string, event: Konva.KonvaEventObject<PointerEvent>): void
  dragStart(id: string, node: Konva.Group): void
  dragMove(id: string, node: Konva.Group): void
  dragEnd(id: string, node: Konva.Group): void
  edit(id: string): void
  /** Its size changed (resize, undo, someone else): a frame around it must follow. */
  sizeChanged(id: string): void
}

interface NoteNodeProps {
  store: WorkshopStore
  id: string
  /** Its text is being edited in the HTML overlay, so the canvas text is hidden. */
  editing: boolean
  placeholder: string
  handlers: NoteHandlers
}

/**
 * One sticky note. Subscribed to its own record, so a remote change to one note re-renders one
 * note. Konva holds its position only while it is dragged; the board commits on drag end.
 */
export const NoteNode = memo(function NoteNode({ store, id, editing, placeholder, handlers }: NoteNodeProps) {
  const note = useNote(store, id)
  const ref = useCallback((node: Konva.Group | null) => handlers.register(id, node), [handlers, id])
  const w = note?.w
  const h = note?.h
  useLayoutEffect(() => {
    if (w !== undefined && h !== undefined) handlers.sizeChanged(id)
  }, [handlers, id, w, h])
  if (!note) return null
  const palette = notePalette[note.color]
  const empty = note.text.length === 0
  const shown = empty ? placeholder : note.text
  const fontSize = fitNoteFontSize(shown, note.w, note.h)
  return (
    <Group
      ref={ref}
      id={id}
      x={note.x}
      y={note.y}
      // Always draggable: while panning the whole layer stops listening instead, which costs no render.
      draggable
      onPointerDown={(e) => handlers.pointerDown(id, e)}
      onDragStart={(e) => handlers.dragStart(id, e.currentTarget as Konva.Group)}
      onDragMove={(e) => handlers.dragMove(id, e.currentTarget as Konva.Group)}
      onDragEnd={(e) => handlers.dragEnd(id, e.currentTarget as Konva.Group)}
      onDblClick={() => handlers.edit(id)}
      onDblTap={() => handlers.edit(id)}
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
          height={note.h - NOTE_TEXT_PADDING * 2}
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
    </Group>
  )
})
