import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { GROUP_NAME_MAX } from '../../../../shared/schema/records/stakeholderGroup'
import { CommitInput } from './CommitInput'

export interface GroupRow {
  id: string
  label: string
  /** The stored name; '' shows the translated preset label. */
  name: string
  edge: string
  count: number
}

interface GroupManagerProps {
  groups: readonly GroupRow[]
  onRename(id: string, name: string): void
  onMove(id: string, toIndex: number): void
  onRemove(id: string): void
  onAdd(): void
  onClose(): void
}

/** The facilitator's list of groups: rename inline, reorder, add, remove (cards stay, ungrouped). */
export function GroupManager({ groups, onRename, onMove, onRemove, onAdd, onClose }: GroupManagerProps) {
  const { t } = useTranslation('stakeholderMap')
  const headingId = useId()
  const [confirming, setConfirming] = useState<string | null>(null)
  const pending = groups.find((g) => g.id === confirming)
  return (
    <aside className="sm-panel" aria-labelledby={headingId} data-testid="group-manager" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="sm-panel__header">
        <h2 id={headingId}>{t('groups.title')}</h2>
        <button type="button" className="sm-button sm-button--quiet" onClick={onClose}>
          {t('groups.close')}
        </button>
      </div>
      <div className="sm-panel__body">
        <p className="sm-muted">{t('groups.intro')}</p>
        <ol className="sm-groups">
          {groups.map((group, index) => (
            <li key={group.id} className="sm-groups__item" style={{ borderInlineStartColor: group.edge }}>
              <CommitInput
                aria-label={t('groups.nameLabel', { position: index + 1 })}
                value={group.label}
                maxLength={GROUP_NAME_MAX}
                // Clearing the name of a preset group brings back its translated label.
                onCommit={(name) => onRename(group.id, name.trim())}
              />
              <span className="sm-muted sm-groups__count">{t('groups.count', { count: group.count })}</span>
              <div className="sm-groups__actions">
                <button type="button" className="sm-button sm-button--icon" disabled={index === 0} onClick={() => onMove(group.id, index - 1)} aria-label={t('groups.moveUp', { name: group.label })} title={t('groups.moveUp', { name: group.label })}>
                  ↑
                </button>
                <button
                  type="button"
                  className="sm-button sm-button--icon"
                  disabled={index === groups.length - 1}
                  onClick={() => onMove(group.id, index + 1)}
                  aria-label={t('groups.moveDown', { name: group.label })}
                  title={t('groups.moveDown', { name: group.label })}
                >
                  ↓
                </button>
                <button type="button" className="sm-button sm-button--icon" onClick={() => setConfirming(group.id)} aria-label={t('groups.remove', { name: group.label })} title={t('groups.remove', { name: group.label })}>
                  ✕
                </button>
              </div>
              {pending?.id === group.id && (
                <div className="sm-confirm" role="alertdialog" aria-label={t('groups.confirm')}>
                  <p>{t('groups.confirmRemove', { name: group.label, count: group.count })}</p>
                  <div className="sm-confirm__actions">
                    <button type="button" className="sm-button" onClick={() => setConfirming(null)} autoFocus>
                      {t('groups.cancel')}
                    </button>
                    <button
                      type="button"
                      className="sm-button sm-button--danger"
                      onClick={() => {
                        setConfirming(null)
                        onRemove(group.id)
                      }}
                    >
                      {t('groups.confirm')}
                    </button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ol>
        <button type="button" className="sm-button sm-button--primary" onClick={onAdd}>
          {t('groups.add')}
        </button>
      </div>
    </aside>
  )
}
