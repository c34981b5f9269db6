import type Konva from 'konva'
import { memo, useCallback, useLayoutEffect, useMemo } from 'react'
import { Circle, Group, Rect, Text } from 'react-konva'
import type { DetailLevel } from '../../../shared/logic/geometry'
import { layoutNoteText, NOTE_LINE_HEIGHT, NOTE_TEXT_PADDING, type NoteTextLayout } from '../../../shared/logic/noteTextFit'
import { matchesTagFilter, sdgInfo, type TagFilter } from '../../../shared/logic/tags'
import { useNote } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import type { ItemHandlers } from './itemHandlers'
import { canvasMeasure } from './measureText'
import { noteInk, notePalette, notePlaceholderInk } from './notePalette'

export const NOTE_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

export type NoteHandlers = ItemHandlers

/** Below this share, items that do not match the tag filter are drawn: dimmed, never hidden. */
export const DIMMED_OPACITY = 0.22
const BADGE = 20
/** What the row of SDG badges takes from the bottom of a note's text room. */
const NOTE_BADGE_ROOM = BADGE + 4
/** The Konva name of a note's text node: the test hook reads the lines Konva drew from it. */
export const NOTE_TEXT_NAME = 'note-text'

/**
 * A note's lines and size (shared/logic/noteTextFit): whole words, shrunk to fit, measured with
 * the font the canvas draws in. The editor over the note uses the same size.
 */
export function noteTextLayout(text: string, w: number, h: number, placeholder: boolean, badges: boolean): NoteTextLayout {
  return layoutNoteText(text, w, h, canvasMeasure(NOTE_FONT_FAMILY, placeholder ? 'italic' : 'normal'), { reserveBottom: badges ? NOTE_BADGE_ROOM : 0 })
}

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
  /** While this person can vote on this note: their dots on it; -1 otherwise. */
  myDots: number
  /** Everyone's dots (live, or the results); -1 when not shown (no vote, or a hidden one). */
  totalDots: number
}

/**
 * One sticky note. Subscribed to its own record, so a remote change to one note re-renders one
 * note. Konva holds its position only while it is dragged; the board commits on drag end.
 */
export const NoteNode = memo(function NoteNode({ store, id, editing, placeholder, handlers, filter, detail, myDots, totalDots }: NoteNodeProps) {
  const note = useNote(store, id)
  const ref = useCallback((node: Konva.Group | null) => handlers.register(id, node), [handlers, id])
  const w = note?.w
  const h = note?.h
  useLayoutEffect(() => {
    if (w !== undefined && h !== undefined) handlers.sizeChanged(id)
  }, [handlers, id, w, h])
  const empty = note?.text.length === 0
  const shown = empty ? placeholder : (note?.text ?? '')
  const badges = note != null && note.sdgs.length > 0 && note.w >= 60 && note.h >= 60
  // Laid out once per change of text or size, not per render (a vote or a filter re-renders the note).
  const layout = useMemo(() => (w !== undefined && h !== undefined && detail !== 'coarse' ? noteTextLayout(shown, w, h, empty, badges) : null), [shown, w, h, empty, badges, detail])
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
    // One event per click or tap whatever the pointer (click and tap can both fire for a touch).
    onPointerClick: () => handlers.activate(id),
  }
  if (detail === 'coarse') {
    // Zoomed out the text is unreadable: one filled rect, still selectable and draggable.
    return (
      <Group ref={ref} id={id} x={note.x} y={note.y} opacity={opacity} draggable={handlers.editable} {...events}>
        <Rect width={note.w} height={note.h} fill={palette.fill} perfectDrawEnabled={false} />
        {(myDots > 0 || totalDots > 0) && <CoarseVoteMark noteWidth={note.w} noteHeight={note.h} mine={myDots} total={totalDots} />}
      </Group>
    )
  }
  const perRow = Math.max(1, Math.floor((note.w - 8) / (BADGE + 2)))
  return (
    <Group
      ref={ref}
      id={id}
      x={note.x}
      y={note.y}
      opacity={opacity}
      // Draggable unless the person may not edit: while panning the whole layer stops listening instead, which costs no render.
      draggable={handlers.editable}
      {...events}
    >
      <Rect width={note.w} height={note.h} fill={palette.fill} stroke={palette.edge} strokeWidth={1} cornerRadius={3} perfectDrawEnabled={false} />
      {/* A darker lower edge inside the note reads as paper thickness: cheaper than a blurred
          shadow, and it keeps the node's bounds equal to the note for the resize frame. */}
      <Rect y={note.h - 4} width={note.w} height={4} fill={palette.edge} cornerRadius={[0, 0, 3, 3]} listening={false} perfectDrawEnabled={false} />
      {!editing && layout && (
        // The lines are already broken (between words, shrunk to fit): Konva only draws them, in the middle.
        <Text
          name={NOTE_TEXT_NAME}
          x={NOTE_TEXT_PADDING}
          y={NOTE_TEXT_PADDING}
          width={note.w - NOTE_TEXT_PADDING * 2}
          height={Math.max(1, note.h - NOTE_TEXT_PADDING * 2 - (badges ? NOTE_BADGE_ROOM : 0))}
          verticalAlign="middle"
          text={layout.lines.join('\n')}
          fontSize={layout.fontSize}
          fontFamily={NOTE_FONT_FAMILY}
          fontStyle={empty ? 'italic' : 'normal'}
          lineHeight={NOTE_LINE_HEIGHT}
          fill={empty ? notePlaceholderInk : noteInk}
          wrap="none"
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
      {(myDots >= 0 || totalDots >= 0) && <VoteBadge noteWidth={note.w} noteHeight={note.h} mine={myDots} total={totalDots} />}
    </Group>
  )
})

const DOT = 14
const DOT_GAP = 3
const DOTS_DRAWN = 5
const PILL_H = 26
const MINE_FILL = '#1a5fb4'
const TOTAL_FILL = '#1f1f1d'

/**
 * Dots on a note during a vote, at its lower right (the text starts at the top): this person's
 * dots as blue dots (up to five, then "+n") and everyone's as a number in a dark disc; an empty
 * ring says "you can vote here". The number, not the colour, carries the count. Never listening:
 * a click goes to the note.
 */
function VoteBadge({ noteWidth, noteHeight, mine, total }: { noteWidth: number; noteHeight: number; mine: number; total: number }) {
  const drawn = Math.min(mine, DOTS_DRAWN)
  const more = mine - drawn
  const moreText = more > 0 ? `+${more}` : ''
  const moreW = more > 0 ? moreText.length * 8 + 2 : 0
  const dotsW = mine > 0 ? drawn * DOT + (drawn - 1) * DOT_GAP + (more > 0 ? DOT_GAP + moreW : 0) : mine === 0 ? DOT : 0
  const totalText = total >= 0 ? String(total) : ''
  const totalW = total >= 0 ? Math.max(PILL_H, totalText.length * 9 + 12) : 0
  // Without dots of one's own (results, observers) the badge is just the number.
  const pillW = mine < 0 ? totalW : dotsW + 12 + (totalW > 0 ? totalW - 4 : 0)
  const x = Math.max(2, noteWidth - pillW - 6)
  return (
    <Group x={x} y={Math.max(2, noteHeight - PILL_H - 10)} listening={false}>
      {mine >= 0 && <Rect width={pillW} height={PILL_H} cornerRadius={PILL_H / 2} fill="#ffffff" stroke="#5e5e5a" strokeWidth={1} opacity={0.95} perfectDrawEnabled={false} />}
      {mine < 0 ? null : mine === 0 ? (
        <Circle x={6 + DOT / 2} y={PILL_H / 2} radius={DOT / 2 - 1} stroke={MINE_FILL} strokeWidth={1.5} perfectDrawEnabled={false} />
      ) : (
        Array.from({ length: drawn }, (_, i) => (
          <Circle key={i} x={6 + DOT / 2 + i * (DOT + DOT_GAP)} y={PILL_H / 2} radius={DOT / 2} fill={MINE_FILL} perfectDrawEnabled={false} />
        ))
      )}
      {more > 0 && (
        <Text x={6 + drawn * (DOT + DOT_GAP)} y={0} height={PILL_H} text={moreText} fontSize={14} fontStyle="bold" fontFamily={NOTE_FONT_FAMILY} fill={MINE_FILL} verticalAlign="middle" perfectDrawEnabled={false} />
      )}
      {totalW > 0 && (
        <Group x={pillW - totalW}>
          <Rect width={totalW} height={PILL_H} cornerRadius={PILL_H / 2} fill={TOTAL_FILL} perfectDrawEnabled={false} />
          <Text width={totalW} height={PILL_H} text={totalText} fontSize={15} fontStyle="bold" fontFamily={NOTE_FONT_FAMILY} fill="#ffffff" align="center" verticalAlign="middle" perfectDrawEnabled={false} />
        </Group>
      )}
    </Group>
  )
}

/**
 * Zoomed out a badge would be a few pixels: one disc as large as a fifth of the note with the
 * count (everyone's, or this person's while the vote is hidden), blue when this person gave dots.
 */
function CoarseVoteMark({ noteWidth, noteHeight, mine, total }: { noteWidth: number; noteHeight: number; mine: number; total: number }) {
  const r = Math.min(noteWidth, noteHeight) * 0.2
  const count = total >= 0 ? total : mine
  return (
    <Group x={noteWidth - r * 1.2} y={noteHeight - r * 1.2} listening={false}>
      <Circle radius={r} fill={mine > 0 ? MINE_FILL : TOTAL_FILL} perfectDrawEnabled={false} />
      <Text x={-r} y={-r} width={r * 2} height={r * 2} text={String(count)} fontSize={r * 1.1} fontStyle="bold" fontFamily={NOTE_FONT_FAMILY} fill="#ffffff" align="center" verticalAlign="middle" perfectDrawEnabled={false} />
    </Group>
  )
}
