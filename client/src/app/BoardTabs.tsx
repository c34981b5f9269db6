import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BOARD_TITLE_MAX } from '../../../shared/schema/records/board'
import type { BoardRecord } from '../store/types'
import { dropIndex } from './dropIndex'

interface BoardTabsProps {
  boards: readonly BoardRecord[]
  selectedId: string | undefined
  /** The id of the board whose title is being edited in place, if any. */
  editingId: string | null
  panelId: string
  /** Renaming, moving and deleting boards (keys, double-click, drag); the facilitator's. */
  editable: boolean
  onSelect: (id: string) => void
  onStartRename: (id: string) => void
  onRename: (id: string, title: string | null) => void
  onMove: (id: string, toIndex: number) => void
  onRequestDelete: (id: string) => void
}

const DRAG_TYPE = 'application/x-samskap-board'

/**
 * Board tabs as an ARIA tablist. Arrow keys move between boards, Ctrl+Shift+arrows (or
 * Alt+Shift+arrows) move the board itself, F2 renames, Delete asks to delete; tabs can also be
 * dragged. The same actions sit in the board menu for touch and for people who prefer buttons.
 */
export function BoardTabs(props: BoardTabsProps) {
  const { boards, selectedId, editingId } = props
  const { t } = useTranslation('app')
  const listRef = useRef<HTMLDivElement>(null)
  const hintId = useId()
  const [drop, setDrop] = useState<{ index: number; after: boolean } | null>(null)
  const [dragId, setDragId] = useState<string | null>(null)

  // Keep the selected tab in view when it changes (tabs scroll sideways on phones).
  useEffect(() => {
    if (!selectedId) return
    const tab = listRef.current?.querySelector<HTMLElement>(`[data-board-id="${CSS.escape(selectedId)}"]`)
    tab?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' })
  }, [selectedId, boards.length])

  function focusTab(id: string) {
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-board-id="${CSS.escape(id)}"]`)?.focus())
  }

  function onKeyDown(event: React.KeyboardEvent, board: BoardRecord, index: number) {
    const reorder = props.editable && event.shiftKey && (event.ctrlKey || event.altKey || event.metaKey)
    const step = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0
    if (step !== 0 && reorder) {
      event.preventDefault()
      const to = index + step
      if (to >= 0 && to < boards.length) {
        props.onMove(board.id, to)
        focusTab(board.id)
      }
      return
    }
    let target: BoardRecord | undefined
    if (step !== 0) target = boards[(index + step + boards.length) % boards.length]
    else if (event.key === 'Home') target = boards[0]
    else if (event.key === 'End') target = boards.at(-1)
    else if (event.key === 'F2' && props.editable) {
      event.preventDefault()
      props.onStartRename(board.id)
      return
    } else if (event.key === 'Delete' && props.editable) {
      event.preventDefault()
      props.onRequestDelete(board.id)
      return
    }
    if (target) {
      event.preventDefault()
      props.onSelect(target.id)
      focusTab(target.id)
    }
  }

  return (
    <>
      <div
        ref={listRef}
        role="tablist"
        aria-label={t('boards.listLabel')}
        aria-describedby={props.editable ? hintId : undefined}
        className="board-tabs"
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDrop(null)
        }}
      >
        {boards.map((board, index) => {
          const selected = board.id === selectedId
          const title = board.title || t('boards.untitled')
          if (board.id === editingId) {
            return <RenameField key={board.id} initial={board.title} onDone={(value) => props.onRename(board.id, value)} />
          }
          const dropClass =
            drop && drop.index === index && dragId !== board.id ? (drop.after ? ' board-tab--drop-after' : ' board-tab--drop-before') : ''
          return (
            <button
              key={board.id}
              type="button"
              role="tab"
              id={`board-tab-${board.id}`}
              data-board-id={board.id}
              aria-selected={selected}
              aria-controls={selected ? props.panelId : undefined}
              tabIndex={selected ? 0 : -1}
              className={`board-tab${selected ? ' board-tab--selected' : ''}${dragId === board.id ? ' board-tab--dragging' : ''}${dropClass}`}
              title={title}
              draggable={props.editable}
              onClick={() => props.onSelect(board.id)}
              onDoubleClick={props.editable ? () => props.onStartRename(board.id) : undefined}
              onKeyDown={(e) => onKeyDown(e, board, index)}
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_TYPE, board.id)
                e.dataTransfer.effectAllowed = 'move'
                setDragId(board.id)
              }}
              onDragEnd={() => {
                setDragId(null)
                setDrop(null)
              }}
              onDragOver={(e) => {
                if (!e.dataTransfer.types.includes(DRAG_TYPE)) return
                e.preventDefault()
                e.dataTransfer.dropEffect = 'move'
                const rect = e.currentTarget.getBoundingClientRect()
                const after = e.clientX > rect.left + rect.width / 2
                if (drop?.index !== index || drop.after !== after) setDrop({ index, after })
              }}
              onDrop={(e) => {
                const id = e.dataTransfer.getData(DRAG_TYPE)
                const from = boards.findIndex((b) => b.id === id)
                e.preventDefault()
                setDrop(null)
                setDragId(null)
                if (from === -1) return
                const rect = e.currentTarget.getBoundingClientRect()
                props.onMove(id, dropIndex(from, index, e.clientX > rect.left + rect.width / 2))
              }}
            >
              <span className="board-tab__title">{title}</span>
            </button>
          )
        })}
      </div>
      <span id={hintId} className="visually-hidden">
        {t('boards.keyboardHint')}
      </span>
    </>
  )
}

function RenameField({ initial, onDone }: { initial: string; onDone: (title: string | null) => void }) {
  const { t } = useTranslation('app')
  const [value, setValue] = useState(initial)
  const done = useRef(false)
  const finish = (result: string | null) => {
    if (done.current) return
    done.current = true
    onDone(result)
  }
  return (
    <input
      className="board-tab board-tab--editing"
      aria-label={t('boards.renameLabel')}
      value={value}
      maxLength={BOARD_TITLE_MAX}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault()
          finish(value)
        } else if (e.key === 'Escape') {
          e.preventDefault()
          e.stopPropagation()
          finish(null)
        }
      }}
      onBlur={() => finish(value)}
      size={Math.max(8, Math.min(30, value.length + 1))}
    />
  )
}
