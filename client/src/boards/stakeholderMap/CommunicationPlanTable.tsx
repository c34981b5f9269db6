import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { STAKEHOLDER_NAME_MAX, STAKEHOLDER_TEXT_MAX, type StakeholderRecord } from '../../../../shared/schema/records/stakeholder'
import { CommitInput } from './CommitInput'

interface CommunicationPlanTableProps {
  /** Already in plan order (sortForPlan). */
  rows: readonly StakeholderRecord[]
  groups: readonly { id: string; label: string }[]
  /** A row just added: its name cell gets focus. */
  focusId: string | null
  /** Rows the tag filter left out: an empty table then says so instead of "no stakeholders yet". */
  hiddenByFilter: number
  /** Observers and a locked board: every cell disabled as one group, no new rows. */
  readOnly: boolean
  onPatch(id: string, patch: Partial<StakeholderRecord>): void
  onGroup(id: string, groupId: string): void
  onAddRow(): void
}

type Column = 'message' | 'channel' | 'frequency' | 'contactPerson'
const columns: readonly { field: Column; key: string }[] = [
  { field: 'message', key: 'plan.what' },
  { field: 'channel', key: 'plan.how' },
  { field: 'frequency', key: 'plan.when' },
  { field: 'contactPerson', key: 'plan.contact' },
]

/**
 * The communication plan: who is told what, how and when. Every cell is an input that commits
 * on blur or Enter (Escape reverts), so this table is also the keyboard and screen-reader
 * equivalent of the map.
 */
export function CommunicationPlanTable({ rows, groups, focusId, hiddenByFilter, readOnly, onPatch, onGroup, onAddRow }: CommunicationPlanTableProps) {
  const { t } = useTranslation('stakeholderMap')
  const tableRef = useRef<HTMLTableElement>(null)
  useEffect(() => {
    if (!focusId) return
    const input = tableRef.current?.querySelector<HTMLInputElement>(`tr[data-id="${CSS.escape(focusId)}"] input`)
    input?.focus()
    input?.select()
  }, [focusId, rows])

  const name = (row: StakeholderRecord) => row.name || t('unnamed')
  return (
    <div className="sm-plan" data-testid="communication-plan">
      <fieldset className="sm-plan__scroll sm-fieldset" disabled={readOnly}>
        <table ref={tableRef} className="sm-plan__table">
          <caption>{t('plan.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.who')}</th>
              <th scope="col">{t('plan.group')}</th>
              {columns.map((c) => (
                <th scope="col" key={c.field}>
                  {t(c.key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={2 + columns.length} className="sm-muted">
                  {hiddenByFilter > 0 ? t('plan.noneMatch') : t('plan.empty')}
                </td>
              </tr>
            )}
            {rows.map((row) => (
              <tr key={row.id} data-id={row.id}>
                <th scope="row">
                  <CommitInput aria-label={t('plan.who')} value={row.name} maxLength={STAKEHOLDER_NAME_MAX} onCommit={(value) => onPatch(row.id, { name: value })} />
                </th>
                <td data-label={t('plan.group')}>
                  <select
                    aria-label={t('plan.cellLabel', { column: t('plan.group'), name: name(row) })}
                    value={groups.some((g) => g.id === row.groupId) ? row.groupId : ''}
                    onChange={(e) => onGroup(row.id, e.target.value)}
                  >
                    <option value="">{t('panel.noGroup')}</option>
                    {groups.map((g) => (
                      <option key={g.id} value={g.id}>
                        {g.label}
                      </option>
                    ))}
                  </select>
                </td>
                {columns.map((c) => (
                  <td key={c.field} data-label={t(c.key)}>
                    <CommitInput
                      aria-label={t('plan.cellLabel', { column: t(c.key), name: name(row) })}
                      data-field={c.field}
                      value={row[c.field]}
                      maxLength={STAKEHOLDER_TEXT_MAX}
                      onCommit={(value) => onPatch(row.id, { [c.field]: value })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      {!readOnly && (
        <button type="button" className="sm-button sm-button--primary sm-plan__add" onClick={onAddRow}>
          {t('plan.addRow')}
        </button>
      )}
    </div>
  )
}
