import { useEffect, useId, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { gridQuadrant } from '../../../../shared/logic/stakeholderMap'
import { STAKEHOLDER_NAME_MAX, STAKEHOLDER_TEXT_MAX, type StakeholderRecord } from '../../../../shared/schema/records/stakeholder'
import { TagPicker } from '../../tags/TagPicker'
import { CommitInput } from './CommitInput'
import { RatingButtons } from './RatingButtons'
import { TakenOverFrom } from './TakenOverFrom'

interface StakeholderPanelProps {
  stakeholder: StakeholderRecord
  groups: readonly { id: string; label: string }[]
  /** Focus and select the name (a card that was just added). */
  focusName: boolean
  /** Observers and a locked board: the fields are shown, disabled as one group, and there is no delete. */
  readOnly: boolean
  onPatch(patch: Partial<StakeholderRecord>): void
  onGroup(groupId: string): void
  onDelete(): void
  /** "Move" is picking where the card goes (a click on the map or grid puts it there). */
  placing: boolean
  /** Move, or press again to stop; absent where there is no stage (the table). */
  onMove?: () => void
  onClose(): void
  /** This workshop: a taken-over stakeholder's line looks its origin up among the others. */
  workshopId: string | null
}

type TextField = 'contactPerson' | 'message' | 'channel' | 'frequency'
const textFields: readonly TextField[] = ['contactPerson', 'message', 'channel', 'frequency']

/** Every field of one stakeholder as a plain HTML form: the accessible way to edit a card. */
export function StakeholderPanel({ stakeholder, groups, focusName, readOnly, onPatch, onGroup, onDelete, placing, onMove, onClose, workshopId }: StakeholderPanelProps) {
  const { t } = useTranslation('stakeholderMap')
  const headingId = useId()
  const fieldId = useId()
  const nameRef = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (!focusName) return
    nameRef.current?.focus()
    nameRef.current?.select()
  }, [focusName, stakeholder.id])

  return (
    <aside className="sm-panel" aria-labelledby={headingId} data-testid="stakeholder-panel" onKeyDown={(e) => {
        if (e.key !== 'Escape') return
        // Escape while placing stops only that; the card stays open.
        if (placing) onMove?.()
        else onClose()
      }}
    >
      <div className="sm-panel__header">
        <h2 id={headingId}>{t('panel.title')}</h2>
        {onMove && !readOnly && (
          <button type="button" className="sm-button" aria-pressed={placing} title={t('move.button')} onClick={onMove} data-testid="move-stakeholder">
            {t('move.label')}
          </button>
        )}
        <button type="button" className="sm-button sm-button--quiet" onClick={onClose}>
          {t('panel.close')}
        </button>
      </div>
      {stakeholder.origin && workshopId && <TakenOverFrom origin={stakeholder.origin} />}
      <fieldset className="sm-panel__body sm-fieldset" disabled={readOnly}>
        <div className="sm-field">
          <label className="sm-field__label" htmlFor={`${fieldId}-name`}>
            {t('panel.name')}
          </label>
          <CommitInput
            ref={nameRef}
            id={`${fieldId}-name`}
            value={stakeholder.name}
            maxLength={STAKEHOLDER_NAME_MAX}
            onCommit={(name) => onPatch({ name })}
          />
        </div>
        <div className="sm-field">
          <label className="sm-field__label" htmlFor={`${fieldId}-group`}>
            {t('panel.group')}
          </label>
          <select id={`${fieldId}-group`} value={groups.some((g) => g.id === stakeholder.groupId) ? stakeholder.groupId : ''} onChange={(e) => onGroup(e.target.value)}>
            <option value="">{t('panel.noGroup')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
        <RatingButtons label={t('panel.influence')} value={stakeholder.influence} onChange={(influence) => onPatch({ influence })} testId="influence-rating" />
        <RatingButtons label={t('panel.interest')} value={stakeholder.interest} onChange={(interest) => onPatch({ interest })} testId="interest-rating" />
        <p className="sm-panel__quadrant" aria-live="polite">
          {t('panel.quadrant', { quadrant: t(`grid.quadrants.${gridQuadrant(stakeholder.influence, stakeholder.interest)}`) })}
        </p>
        {textFields.map((field) => (
          <div className="sm-field" key={field}>
            <label className="sm-field__label" htmlFor={`${fieldId}-${field}`}>
              {t(`panel.${field}`)}
            </label>
            <CommitInput id={`${fieldId}-${field}`} value={stakeholder[field]} maxLength={STAKEHOLDER_TEXT_MAX} onCommit={(value) => onPatch({ [field]: value })} />
          </div>
        ))}
        <section className="sm-panel__tags" aria-label={t('panel.tags')} data-testid="stakeholder-tags">
          <TagPicker compact value={{ sdgs: stakeholder.sdgs, dimension: stakeholder.dimension }} onChange={(tags) => onPatch({ sdgs: tags.sdgs, dimension: tags.dimension })} />
        </section>
        {!readOnly && (
          <button type="button" className="sm-button sm-button--danger" onClick={onDelete}>
            {t('panel.delete')}
          </button>
        )}
      </fieldset>
    </aside>
  )
}
