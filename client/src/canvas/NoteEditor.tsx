import { useEffect, useRef, useState } from 'react'
import type { Camera } from '../../../shared/logic/geometry'
import { NOTE_LINE_HEIGHT, NOTE_TEXT_PADDING, fitNoteFontSize } from '../../../shared/logic/noteTextFit'
import { NOTE_TEXT_MAX } from '../../../shared/schema/records/note'
import { useNote } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { NOTE_FONT_FAMILY } from './NoteNode'
import { noteInk, notePalette } from './notePalette'

interface NoteEditorProps {
  store: WorkshopStore
  id: string
  camera: Camera
  placeholder: string
  label: string
  /** Called once with the final text when editing ends (Escape, click outside, note deleted). */
  onClose(id: string, text: string | null, refocusCanvas: boolean): void
}

/**
 * An HTML textarea laid exactly over the note, scaled with the camera, so typing uses the
 * browser's own editing, spell check and input methods.
 */
export function NoteEditor({ store, id, camera, placeholder, label, onClose }: NoteEditorProps) {
  const note = useNote(store, id)
  const [text, setText] = useState(() => note?.text ?? '')
  const closed = useRef(false)
  const textRef = useRef(text)
  textRef.current = text

  const close = (refocus: boolean) => {
    if (closed.current) return
    closed.current = true
    onClose(id, textRef.current, refocus)
  }

  // Someone else deleted the note while it was being written: nothing to save into.
  useEffect(() => {
    if (!note && !closed.current) {
      closed.current = true
      onClose(id, null, true)
    }
  }, [id, note, onClose])

  if (!note) return null
  const fontSize = fitNoteFontSize(text || placeholder, note.w, note.h)
  return (
    <textarea
      className="sk-note-editor"
      aria-label={label}
      autoFocus
      value={text}
      maxLength={NOTE_TEXT_MAX}
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
      onFocus={(e) => {
        const length = e.currentTarget.value.length
        e.currentTarget.setSelectionRange(length, length)
      }}
      style={{
        left: note.x * camera.scale + camera.x,
        top: note.y * camera.scale + camera.y,
        width: note.w,
        height: note.h,
        transform: `scale(${camera.scale})`,
        padding: NOTE_TEXT_PADDING,
        fontSize,
        lineHeight: NOTE_LINE_HEIGHT,
        fontFamily: NOTE_FONT_FAMILY,
        color: noteInk,
        background: notePalette[note.color].fill,
      }}
    />
  )
}
