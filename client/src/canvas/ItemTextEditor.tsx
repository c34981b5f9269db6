import { useEffect, useRef, useState, type CSSProperties } from 'react'
import { TEXT_LINE_HEIGHT, textHeight } from '../../../shared/logic/canvasItems'
import type { Camera } from '../../../shared/logic/geometry'
import { NOTE_LINE_HEIGHT, NOTE_TEXT_PADDING, noteTextTop } from '../../../shared/logic/noteTextFit'
import { NOTE_TEXT_MAX } from '../../../shared/schema/records/note'
import { TEXT_MAX } from '../../../shared/schema/records/text'
import type { ItemRecord } from '../../../shared/schema/schema'
import { useItem } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { isEditableKind, type EditableKind } from './canvasState'
import { NOTE_FONT_FAMILY, noteTextLayout } from './NoteNode'
import { noteInk, notePalette } from './notePalette'

type Editable = Extract<ItemRecord, { kind: EditableKind }>

const SHAPE_LABEL_MAX = 500
const SHAPE_FONT_SIZE = 18

interface ItemTextEditorProps {
  store: WorkshopStore
  id: string
  camera: Camera
  placeholder: string
  label: string
  /** Called once with the final text when editing ends (Escape, click outside); null when the item was deleted meanwhile. */
  onClose(id: string, text: string | null, refocusCanvas: boolean): void
}

/**
 * An HTML textarea laid exactly over the item and scaled with the camera, so typing uses the
 * browser's own editing, spell check and input methods: a note's text (fitted to the note), free
 * text (grows with its lines) and a shape's label (centred in the shape).
 */
export function ItemTextEditor({ store, id, camera, placeholder, label, onClose }: ItemTextEditorProps) {
  const found = useItem(store, id)
  const item = found && isEditableKind(found.kind) ? (found as Editable) : undefined
  const [text, setText] = useState(() => item?.text ?? '')
  const closed = useRef(false)

  const close = (refocus: boolean) => {
    if (closed.current) return
    closed.current = true
    onClose(id, text, refocus)
  }

  // Someone else deleted the item while it was being written: nothing to save into.
  useEffect(() => {
    if (!item && !closed.current) {
      closed.current = true
      onClose(id, null, true)
    }
  }, [id, item, onClose])

  if (!item) return null
  const look = editorLook(item, text || placeholder)
  return (
    <textarea
      className={look.className}
      aria-label={label}
      autoFocus
      value={text}
      maxLength={look.maxLength}
      placeholder={placeholder}
      spellCheck
      onChange={(e) => setText(e.target.value)}
      onBlur={() => close(false)}
      onKeyDown={(e) => {
        e.stopPropagation()
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
          e.preventDefault()
          close(true)
        }
      }}
      onFocus={
        look.caretAtEnd
          ? (e) => {
              const length = e.currentTarget.value.length
              e.currentTarget.setSelectionRange(length, length)
            }
          : undefined
      }
      style={{
        left: item.x * camera.scale + camera.x,
        top: item.y * camera.scale + camera.y,
        transform: `scale(${camera.scale})`,
        fontFamily: NOTE_FONT_FAMILY,
        ...look.style,
      }}
    />
  )
}

/** How the editor looks over each kind: the same size, font and colours the canvas draws. */
function editorLook(item: Editable, shown: string): { className: string; maxLength: number; caretAtEnd: boolean; style: CSSProperties } {
  switch (item.kind) {
    case 'note': {
      // The size and the place the note will be drawn at once closed (badges hide under the editor).
      const layout = noteTextLayout(shown, item.w, item.h, false, false)
      return {
        className: 'sk-note-editor',
        maxLength: NOTE_TEXT_MAX,
        // A note opened to add a line continues after its text.
        caretAtEnd: true,
        style: {
          width: item.w,
          height: item.h,
          padding: NOTE_TEXT_PADDING,
          paddingTop: noteTextTop(layout, item.h),
          fontSize: layout.fontSize,
          lineHeight: NOTE_LINE_HEIGHT,
          color: noteInk,
          background: notePalette[item.color].fill,
        },
      }
    }
    case 'text':
      return {
        className: 'sk-item-editor',
        maxLength: TEXT_MAX,
        caretAtEnd: false,
        style: {
          width: item.w,
          height: textHeight(shown, item.w, item.fontSize) + 4,
          fontSize: item.fontSize,
          lineHeight: TEXT_LINE_HEIGHT,
          color: item.color,
          textAlign: 'left',
          paddingTop: 0,
          paddingLeft: 0,
          paddingRight: 0,
        },
      }
    case 'shape':
      return {
        className: 'sk-item-editor',
        maxLength: SHAPE_LABEL_MAX,
        caretAtEnd: false,
        style: {
          width: item.w,
          height: item.h,
          fontSize: SHAPE_FONT_SIZE,
          lineHeight: TEXT_LINE_HEIGHT,
          color: '#1a1a1a',
          textAlign: 'center',
          paddingTop: Math.max(8, (item.h - SHAPE_FONT_SIZE * TEXT_LINE_HEIGHT) / 2),
          paddingLeft: 8,
          paddingRight: 8,
        },
      }
    default: {
      const never: never = item
      throw new Error(`not an editable item: ${JSON.stringify(never)}`)
    }
  }
}
