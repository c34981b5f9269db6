import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { countMatching, isTagFilterActive } from '../../../shared/logic/tags'
import type { HideNote } from '../facilitation/useHideNote'
import type { BoardVoting } from '../session/useBoardVote'
import { useItemsOfKind } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { TagFilterBar } from '../tags/TagFilterBar'
import type { CanvasActions } from './canvasActions'
import type { GestureEvent } from './gestures/gestureReducer'
import { isEditableKind, type CanvasStore } from './canvasState'
import { ItemTextEditor } from './ItemTextEditor'
import { SelectionToolbar, type SelectionVote } from './SelectionToolbar'
import { isCanvasItem } from '../../../shared/logic/canvasItems'
import { isScalable, SIZE_STEP } from '../../../shared/logic/pointerAlternatives'
import { useStoreSlice } from '../lib/createStore'
import { useSelectedItems } from './useSelectedItems'
import { useSharedColor } from './useSharedColor'
import './viewport/placingHint.css'

// HTML over the Konva stage. Each piece subscribes to the canvasStore slices it shows, so the canvas
// around them does not re-render when the camera commits or the selection changes.

interface OverlayProps {
  store: WorkshopStore
  canvasStore: CanvasStore
  actions: CanvasActions
}

/** The text editor over the item being edited; it follows the committed camera. */
export function EditorOverlay({ store, canvasStore, actions }: OverlayProps) {
  const { t } = useTranslation('canvas')
  const editingId = useStoreSlice(canvasStore, (s) => s.editingId)
  const camera = useStoreSlice(canvasStore, (s) => s.committedCamera)
  const kind = editingId ? store.getItem(editingId)?.kind : undefined
  if (!editingId || !isEditableKind(kind)) return null
  return (
    <ItemTextEditor
      key={editingId}
      store={store}
      id={editingId}
      camera={camera}
      placeholder={t(`${kind}.placeholder`)}
      label={t(`${kind}.editLabel`)}
      onClose={actions.closeEditor}
    />
  )
}

/** Styling, tags, votes and delete for what is selected, while nothing is being edited. */
export function SelectionTools({ store, canvasStore, actions, voting, canEdit, hideNote, dispatchGesture }: OverlayProps & { voting: BoardVoting; canEdit: boolean; hideNote: HideNote; dispatchGesture(event: GestureEvent): void }) {
  const selection = useStoreSlice(canvasStore, (s) => s.selection)
  const placing = useStoreSlice(canvasStore, (s) => s.gesture.placing !== null)
  const editing = useStoreSlice(canvasStore, (s) => s.editingId !== null)
  const items = useSelectedItems(store, selection)
  const color = useSharedColor(store, selection)
  const single = items.length === 1 ? items[0] : undefined
  // The eligible selected note gets the vote buttons.
  const vote: SelectionVote | null =
    voting.canVote && single && voting.isEligible(single)
      ? {
          mine: voting.view?.mine[single.id] ?? 0,
          total: voting.view?.totals ? (voting.view.totals[single.id] ?? 0) : null,
          left: voting.view?.left ?? 0,
          blocked: voting.castBlocked(single.id),
          onCast: () => void voting.cast(single.id),
          onRetract: () => void voting.retract(single.id),
        }
      : null
  if (items.length === 0 || editing || !(canEdit || vote)) return null
  // Moderation from the board itself: the facilitator takes a note off for everyone (it waits in the panel).
  const hide =
    hideNote.allowed && single?.kind === 'note'
      ? () =>
          void hideNote.hide(single.id).then((hidden) => {
            if (hidden) actions.select([])
          })
      : undefined
  return (
    <SelectionToolbar
      items={items}
      editable={canEdit}
      vote={vote}
      currentColor={color}
      onColor={actions.colorSelection}
      onPatch={actions.patchSelection}
      onTags={actions.tagSelection}
      onDelete={actions.deleteSelection}
      placing={placing}
      onMove={() => dispatchGesture({ type: 'place', ids: placing ? null : canvasStore.getState().selection })}
      onHide={hide}
      onScale={items.some((item) => isCanvasItem(item) && isScalable(item)) ? (larger) => actions.scaleSelection(larger ? SIZE_STEP : 1 / SIZE_STEP) : undefined}
      connect={
        single && isCanvasItem(single) && single.kind !== 'stroke'
          ? {
              selected: single,
              listTargets: actions.connectTargets,
              onConnect: actions.connectSelectionTo,
              onBindEnd: (which, targetId) => actions.bindArrowEnd(single.id, which, targetId),
            }
          : undefined
      }
    />
  )
}

/**
 * While "Move" picks a destination: what to do next, spoken once (a status region) and shown at
 * the top where the pointer is not.
 */
export function PlacingHint({ canvasStore }: { canvasStore: CanvasStore }) {
  const { t } = useTranslation('canvas')
  const placing = useStoreSlice(canvasStore, (s) => s.gesture.placing !== null)
  return (
    <div className="placing-hint sk-placing-hint" role="status" data-testid="placing-hint" hidden={!placing}>
      {placing ? t('move.hint') : ''}
    </div>
  )
}

/** The tag filter bar, while the person has it open. */
export function FilterPanel({ store, canvasStore, boardId }: { store: WorkshopStore; canvasStore: CanvasStore; boardId: string }) {
  const { t } = useTranslation('canvas')
  const open = useStoreSlice(canvasStore, (s) => s.filterOpen)
  if (!open) return null
  return (
    <div className="sk-filter-panel" aria-label={t('filter.title')} role="region">
      <FilteredCount store={store} canvasStore={canvasStore} boardId={boardId} />
    </div>
  )
}

/**
 * The filter bar with its "showing 4 of 12". Subscribed to the taggable kinds of this board in its
 * own component, mounted only while the bar is open, so a note edit re-renders this count, not the board.
 */
function FilteredCount({ store, canvasStore, boardId }: { store: WorkshopStore; canvasStore: CanvasStore; boardId: string }) {
  const filter = useStoreSlice(canvasStore, (s) => s.filter)
  const notes = useItemsOfKind(store, boardId, 'note')
  const texts = useItemsOfKind(store, boardId, 'text')
  const shapes = useItemsOfKind(store, boardId, 'shape')
  const count = useMemo(() => countMatching([...notes, ...texts, ...shapes], filter), [notes, texts, shapes, filter])
  return <TagFilterBar value={filter} onChange={(next) => canvasStore.setState({ filter: next })} count={isTagFilterActive(filter) ? count : { shown: count.total, total: count.total }} />
}

/** What went wrong or happened (a refused plan, a photo queued offline); goes away by itself. */
export function NoticeBanner({ canvasStore, actions }: Omit<OverlayProps, 'store'>) {
  const { t } = useTranslation('canvas')
  const notice = useStoreSlice(canvasStore, (s) => s.notice)
  useEffect(() => {
    if (!notice) return
    const timer = window.setTimeout(() => actions.notify(null), notice.tone === 'error' ? 10_000 : 5000)
    return () => window.clearTimeout(timer)
  }, [actions, notice])
  if (!notice) return null
  return (
    <div className={`sk-notice sk-notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="canvas-notice">
      <span>{notice.text}</span>
      <button type="button" aria-label={t('dismiss')} title={t('dismiss')} onClick={() => actions.notify(null)}>
        ×
      </button>
    </div>
  )
}
