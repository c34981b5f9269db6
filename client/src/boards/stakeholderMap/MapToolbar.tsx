import { useTranslation } from 'react-i18next'
import { BoardTools } from '../BoardChrome'
import { useUndoState } from '../../store/hooks'
import type { WorkshopStore } from '../../store/WorkshopStore'

interface MapToolbarProps {
  store: WorkshopStore
  boardId: string
  canEdit: boolean
  groupsOpen: boolean
  filterOpen: boolean
  filterActive: boolean
  onAdd(): void
  onToggleGroups(): void
  onToggleFilter(): void
  /** "Take over stakeholders…": signed-in staff only (the register is theirs); absent otherwise. */
  onTakeOver?: () => void
}

/**
 * Add a stakeholder, the groups, the tag filter, undo and redo, in the board's chrome row (the
 * switch between map, grid, plan and outline is there too, BoardChrome.tsx).
 */
export function MapToolbar({ store, boardId, canEdit, groupsOpen, filterOpen, filterActive, onAdd, onToggleGroups, onToggleFilter, onTakeOver }: MapToolbarProps) {
  const { t } = useTranslation('stakeholderMap')
  const undoState = useUndoState(store)
  return (
    <BoardTools>
      <div className="sm-toolbar__actions" role="toolbar" aria-label={t('toolbar.label')}>
        {canEdit && (
          <>
            <button type="button" className="sm-button sm-button--primary" onClick={onAdd}>
              <span aria-hidden="true">+</span> {t('toolbar.addStakeholder')}
            </button>
            <button type="button" className="sm-button" aria-pressed={groupsOpen} onClick={onToggleGroups}>
              {t('toolbar.groups')}
            </button>
            {onTakeOver && (
              <button type="button" className="sm-button" aria-haspopup="dialog" onClick={onTakeOver} data-testid="takeover-open">
                {t('toolbar.takeOver')}
              </button>
            )}
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
    </BoardTools>
  )
}

export type MapMessageValue = { kind: 'error'; text: string } | { kind: 'deleted'; name: string } | { kind: 'takenOver'; count: number } | null

/** A refused edit, or "X deleted" with an undo button. */
export function MapMessage({ message, onUndo, onDismiss }: { message: MapMessageValue; onUndo(): void; onDismiss(): void }) {
  const { t } = useTranslation('stakeholderMap')
  if (!message) return null
  return (
    <div className={`sm-message ${message.kind === 'error' ? 'sm-message--error' : ''}`} role={message.kind === 'error' ? 'alert' : 'status'}>
      <span>{message.kind === 'error' ? message.text : message.kind === 'takenOver' ? t('takeOver.done', { count: message.count }) : t('deleted', { name: message.name })}</span>
      {message.kind !== 'error' && (
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
