import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { useUndoState } from '../../store/hooks'
import type { WorkshopStore } from '../../store/WorkshopStore'
import type { StakeholderMapView } from './stakeholderMapTestHook'

export const mapViews: readonly StakeholderMapView[] = ['map', 'grid', 'plan']

interface MapToolbarProps {
  store: WorkshopStore
  boardId: string
  view: StakeholderMapView
  onView(view: StakeholderMapView): void
  canEdit: boolean
  groupsOpen: boolean
  filterOpen: boolean
  filterActive: boolean
  onAdd(): void
  onToggleGroups(): void
  onToggleFilter(): void
}

/** Map, grid or plan; add a stakeholder, the groups, the tag filter, undo and redo. */
export function MapToolbar({ store, boardId, view, onView, canEdit, groupsOpen, filterOpen, filterActive, onAdd, onToggleGroups, onToggleFilter }: MapToolbarProps) {
  const { t } = useTranslation('stakeholderMap')
  const undoState = useUndoState(store)
  return (
    <div className="sm-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="sm-views" role="group" aria-label={t('layout.label')}>
        {mapViews.map((v) => (
          <button key={v} type="button" className="sm-views__option" aria-pressed={view === v} onClick={() => onView(v)}>
            {wrapAfterSlash(t(`layout.${v}`))}
          </button>
        ))}
      </div>
      <div className="sm-toolbar__actions">
        {canEdit && (
          <>
            <button type="button" className="sm-button sm-button--primary" onClick={onAdd}>
              <span aria-hidden="true">+</span> {t('toolbar.addStakeholder')}
            </button>
            <button type="button" className="sm-button" aria-pressed={groupsOpen} onClick={onToggleGroups}>
              {t('toolbar.groups')}
            </button>
          </>
        )}
        <button
          type="button"
          className={`sm-button${filterActive ? ' sm-button--active' : ''}`}
          aria-expanded={filterOpen}
          aria-controls={`sm-filter-${boardId}`}
          onClick={onToggleFilter}
          data-testid="tag-filter-toggle"
        >
          {t('toolbar.filter')}
        </button>
        {canEdit && (
          <>
            <button type="button" className="sm-button sm-button--icon" disabled={!undoState.canUndo} onClick={() => store.undo()} aria-label={t('toolbar.undo')} title={t('toolbar.undo')}>
              ↶
            </button>
            <button type="button" className="sm-button sm-button--icon" disabled={!undoState.canRedo} onClick={() => store.redo()} aria-label={t('toolbar.redo')} title={t('toolbar.redo')}>
              ↷
            </button>
          </>
        )}
      </div>
    </div>
  )
}

export type MapMessageValue = { kind: 'error'; text: string } | { kind: 'deleted'; name: string } | null

/** A refused edit, or "X deleted" with an undo button. */
export function MapMessage({ message, onUndo, onDismiss }: { message: MapMessageValue; onUndo(): void; onDismiss(): void }) {
  const { t } = useTranslation('stakeholderMap')
  if (!message) return null
  return (
    <div className={`sm-message ${message.kind === 'error' ? 'sm-message--error' : ''}`} role={message.kind === 'error' ? 'alert' : 'status'}>
      <span>{message.kind === 'error' ? message.text : t('deleted', { name: message.name })}</span>
      {message.kind === 'deleted' && (
        <button type="button" className="sm-button" onClick={onUndo}>
          {t('undo')}
        </button>
      )}
      <button type="button" className="sm-button sm-button--quiet" onClick={onDismiss} aria-label={t('dismiss')}>
        ✕
      </button>
    </div>
  )
}

/** Lets "Påvirkning/interesse" break after the slash on a phone without changing its accessible name. */
function wrapAfterSlash(label: string) {
  const parts = label.split('/')
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && (
        <>
          /<wbr />
        </>
      )}
    </Fragment>
  ))
}
