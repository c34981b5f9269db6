import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { sortByOrder } from '../../../shared/logic/boardOrder'
import { involvementLevels, levelGap, planCollaborationField, planSetLevel, sortMatrixRows, type LevelWhich } from '../../../shared/logic/involvement'
import type { BoardRecord } from '../../../shared/schema/records/board'
import { COLLABORATION_TEXT_MAX, collaborationFields, type CollaborationRecord } from '../../../shared/schema/records/collaboration'
import type { StakeholderRecord } from '../../../shared/schema/records/stakeholder'
import type { BoardProps } from '../boards/BoardProps'
import { useBoardAccess } from '../session/BoardAccessContext'
import { useBoards, useItemsOfKind } from '../store/hooks'
import { SelectField, TextField } from './OutlineFields'
import { OutlineMessageView, OutlineSection } from './OutlineSection'
import { controlId, useOutlineCommit } from './useOutline'

/**
 * The involvement matrix as a real table: a row per stakeholder of the linked map, a column per
 * OECD level saying which marker sits there, then the now/wanted choices and the gap in words.
 */
export function MatrixOutline({ store, board }: BoardProps) {
  const { t } = useTranslation('outline')
  const boards = useBoards(store)
  const { commit, message } = useOutlineCommit(store)
  const map = boards.find((b) => b.id === board.linkedBoardId && b.template === 'stakeholderMap')
  const maps = boards.filter((b) => b.template === 'stakeholderMap')
  // Linking a map changes the board record: the facilitator's.
  const { canManage } = useBoardAccess()
  return (
    <OutlineSection board={board} kind="involvementMatrix">
      <OutlineMessageView message={message} />
      {map ? (
        <MatrixTable store={store} board={board} map={map} commit={commit} />
      ) : (
        <div className="ol-block">
          <p>{t('matrix.notLinked')}</p>
          {maps.length > 0 && canManage && (
            <SelectField
              id={controlId(board.id, 'map', 'link')}
              label={t('matrix.chooseMap')}
              value=""
              choices={maps.map((m) => ({ value: m.id, label: m.title }))}
              onChange={(linkedBoardId) => linkedBoardId && commit({ updateBoards: [{ id: board.id, patch: { linkedBoardId } }] })}
            >
              <option value="">{t('matrix.chooseMapPlaceholder')}</option>
            </SelectField>
          )}
        </div>
      )}
    </OutlineSection>
  )
}

function MatrixTable({ store, board, map, commit }: BoardProps & { map: BoardRecord; commit: ReturnType<typeof useOutlineCommit>['commit'] }) {
  const { t } = useTranslation('outline')
  const { t: tm } = useTranslation('matrix')
  const stakeholders = useItemsOfKind(store, map.id, 'stakeholder')
  const groups = useItemsOfKind(store, map.id, 'stakeholderGroup')
  const collaborations = useItemsOfKind(store, board.id, 'collaboration')
  const rows = useMemo(() => sortMatrixRows(stakeholders, sortByOrder(groups).map((g) => g.id)), [stakeholders, groups])
  const [definitionFor, setDefinitionFor] = useState('')
  const levelName = (level: number) => tm(`levels.${involvementLevels[level - 1]}.name`)
  const levelChoices = [{ value: '0', label: t('matrix.unset') }, ...involvementLevels.map((_, i) => ({ value: String(i + 1), label: `${i + 1}. ${levelName(i + 1)}` }))]
  const nameOf = (s: StakeholderRecord) => s.name.trim() || t('unnamed')
  const { canEdit } = useBoardAccess()

  const setLevel = (s: StakeholderRecord, which: LevelWhich, level: number) => {
    const current = which === 'now' ? s.levelNow : s.levelWanted
    if (current === level) return
    commit({ updateItems: [{ id: s.id, patch: planSetLevel(s, which, level) }] })
  }
  const gapText = (s: StakeholderRecord) => {
    const gap = levelGap(s.levelNow, s.levelWanted)
    if (gap.direction === 'unset') return t('matrix.gap.unset')
    if (gap.direction === 'same') return t('matrix.gap.same')
    return t(`matrix.gap.${gap.direction}`, { count: gap.steps })
  }
  const markerText = (s: StakeholderRecord, level: number) => {
    const now = s.levelNow === level
    const wanted = s.levelWanted === level
    return now && wanted ? t('matrix.marker.both') : now ? t('matrix.marker.now') : wanted ? t('matrix.marker.wanted') : ''
  }

  return (
    <>
      <p className="ol-note">{t('matrix.source', { title: map.title })}</p>
      {rows.length === 0 ? (
        <p>{t('matrix.empty')}</p>
      ) : (
        <div className="ol-table-scroll" role="region" aria-labelledby={controlId(board.id, 'matrix', 'caption')} tabIndex={0}>
          <table className="ol-table" data-testid="outline-matrix">
            <caption id={controlId(board.id, 'matrix', 'caption')}>{t('matrix.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('matrix.stakeholder')}</th>
                {involvementLevels.map((id, i) => (
                  <th scope="col" key={id}>
                    {i + 1}. {levelName(i + 1)}
                  </th>
                ))}
                <th scope="col">{t('matrix.now')}</th>
                <th scope="col">{t('matrix.wanted')}</th>
                <th scope="col">{t('matrix.gapHeading')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} data-testid="outline-matrix-row" data-stakeholder-id={s.id}>
                  <th scope="row">{nameOf(s)}</th>
                  {involvementLevels.map((id, i) => (
                    <td key={id}>{markerText(s, i + 1)}</td>
                  ))}
                  {(['now', 'wanted'] as const).map((which) => (
                    <td key={which}>
                      <label className="visually-hidden" htmlFor={controlId(board.id, s.id, which)}>
                        {t(`matrix.${which}For`, { name: nameOf(s) })}
                      </label>
                      <select
                        id={controlId(board.id, s.id, which)}
                        value={String(which === 'now' ? s.levelNow : s.levelWanted)}
                        disabled={!canEdit}
                        onChange={(e) => setLevel(s, which, Number(e.target.value))}
                      >
                        {levelChoices.map((c) => (
                          <option key={c.value} value={c.value}>
                            {c.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  ))}
                  <td data-testid="outline-matrix-gap">{gapText(s)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > 0 && (
        <section className="ol-block" aria-labelledby={controlId(board.id, 'definition', 'heading')}>
          <h3 id={controlId(board.id, 'definition', 'heading')}>{t('matrix.definition.heading')}</h3>
          <SelectField
            id={controlId(board.id, 'definition', 'who')}
            label={t('matrix.definition.choose')}
            value={rows.some((s) => s.id === definitionFor) ? definitionFor : ''}
            choices={rows.map((s) => ({ value: s.id, label: nameOf(s) }))}
            onChange={setDefinitionFor}
            choosesView
          >
            <option value="">{t('matrix.definition.placeholder')}</option>
          </SelectField>
          {rows.some((s) => s.id === definitionFor) && (
            <Definition
              key={definitionFor}
              boardId={board.id}
              stakeholderId={definitionFor}
              collaboration={collaborations.find((c) => c.stakeholderId === definitionFor)}
              commit={commit}
              newId={() => store.newId()}
            />
          )}
        </section>
      )}
    </>
  )
}

function Definition(props: {
  boardId: string
  stakeholderId: string
  collaboration: CollaborationRecord | undefined
  commit: ReturnType<typeof useOutlineCommit>['commit']
  newId(): string
}) {
  const { t: tm } = useTranslation('matrix')
  const { boardId, stakeholderId, collaboration, commit } = props
  const save = (field: (typeof collaborationFields)[number], value: string): boolean => {
    const plan = planCollaborationField({ collaboration, boardId, stakeholderId, field, value, newId: props.newId, now: Date.now() })
    return plan ? commit(plan) : true
  }
  return (
    <div className="ol-grid">
      {collaborationFields.map((field) => (
        <TextField
          key={field}
          id={controlId(boardId, stakeholderId, `def-${field}`)}
          label={tm(`definition.fields.${field}`)}
          value={collaboration?.[field] ?? ''}
          maxLength={COLLABORATION_TEXT_MAX}
          multiline
          onCommit={(v) => save(field, v)}
        />
      ))}
    </div>
  )
}
