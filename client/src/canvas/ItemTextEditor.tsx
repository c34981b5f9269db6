import { useEffect, useRef, useState } from 'react'
import { TEXT_LINE_HEIGHT, textHeight } from '../../../shared/logic/canvasItems'
import type { Camera } from '../../../shared/logic/geometry'
import { TEXT_MAX } from '../../../shared/schema/records/text'
import { useItem } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { NOTE_FONT_FAMILY } from './NoteNode'

interface ItemTextEditorProps {
  store: WorkshopStore
  id: string
  camera: Camera
  placeholder: string
  label: string
  onClose(id: string, text: string | null, refocusCanvas: boolean): void
}

/** Types in place on free text (grows with its lines) and on shape labels (centred in the shape). */
export function ItemTextEditor({ store, id, camera, placeholder, label, onClose }: ItemTextEditorProps) {
  const item = useItem(store, id)
  const initial = item?.kind === 'text' || item?.kind === 'shape' ? item.text : ''
  const [text, setText] = useState(initial)
  const closed = useRef(false)
  const textRef = useRef(text)
  textRef.current = text
  const close = (refocus: boolean) => {
    if (closed.current) return
    closed.current = true
    onClose(id, textRef.current, refocus)
  }
  useEffect(() => {
    if (!item && !closed.current) {
      closed.current = true
      onClose(id, null, true)
    }
  }, [id, item, onClose])
  if (!item || (item.kind !== 'text' && item.kind !== 'shape')) return null
  const isText = item.kind === 'text'
  const fontSize = isText ? item.fontSize : 18
  const w = item.w
  const h = isText ? textHeight(text || placeholder, item.w, item.fontSize) + 4 : item.h
  return (
    <textarea
      className="sk-item-editor"
      aria-label={label}
      autoFocus
      value={text}
      maxLength={isText ? TEXT_MAX : 500}
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
      style={{
        left: item.x * camera.scale + camera.x,
        top: item.y * camera.scale + camera.y,
        width: w,
        height: h,
        transform: `scale(${camera.scale})`,
        fontSize,
        lineHeight: TEXT_LINE_HEIGHT,
        fontFamily: NOTE_FONT_FAMILY,
        color: isText ? item.color : '#1a1a1a',
        textAlign: isText ? 'left' : 'center',
        paddingTop: isText ? 0 : Math.max(8, (item.h - fontSize * TEXT_LINE_HEIGHT) / 2),
        paddingLeft: isText ? 0 : 8,
        paddingRight: isText ? 0 : 8,
      }}
    />
  )
}
