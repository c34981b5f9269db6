import { useCallback, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardRecord } from '../../../../shared/schema/records/board'
import type { CollaborationRecord } from '../../../../shared/schema/records/collaboration'
import type { StakeholderGroupRecord } from '../../../../shared/schema/records/stakeholderGroup'
import { sortByOrder } from '../../../../shared/logic/boardOrder'
import { involvementLevels, sortMatrixRows, summarise } from '../../../../shared/logic/involvement'
import type { WorkshopStore } from '../../store/WorkshopStore'
import { useBoardAccess } from '../../session/BoardAccessContext'
import { useItemsOfKind } from '../../store/hooks'
import type { DocumentPlan } from '../../../../shared/logic/plan'
import { useCommitPlan } from '../../store/useCommitPlan'
import { CollaborationCard } from './CollaborationCard'
import { BoardLink } from '../BoardLink'
import { MatrixRow } from './MatrixRow'
import { NowShape, WantedShape } from './markerShapes'

interface InvolvementMatrixProps {
  store: WorkshopStore
  board: BoardRecord
  map: BoardRecord
}

/** The matrix itself: summary line, legend, the table, and the definition card beside it. */
export function InvolvementMatrix({ store, board, map }: InvolvementMatrixProps) {
  const { t } = useTranslation('matrix')
  const stakeholders = useItemsOfKind(store, map.id, 'stakeholder')
  const groups = useItemsOfKind(store, map.id, 'stakeholderGroup')
  const collaborations = useItemsOfKind(store, board.id, 'collaboration')
  const [openId, setOpenId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const hintId = useId()
  const headerIds = useId()
  const actionRefs = useRef(new Map<string, HTMLButtonElement>())
  const { canEdit } = useBoardAccess()

  const sortedGroups = useMemo(() => sortByOrder(groups), [groups])
  const rows = useMemo(() => sortMatrixRows(stakeholders, sortedGroups.map((g) => g.id)), [stakeholders, sortedGroups])
  const summary = useMemo(() => summarise(stakeholders), [stakeholders])
  const groupById = useMemo(() => new Map(sortedGroups.map((g) => [g.id, g])), [sortedGroups])
  /** The oldest definition per stakeholder wins, should two people have created one at once. */
  const definitionFor = useMemo(() => {
    const byStakeholder = new Map<string, CollaborationRecord>()
    for (const c of collaborations) if (!byStakeholder.has(c.stakeholderId)) byStakeholder.set(c.stakeholderId, c)
    return byStakeholder
  }, [collaborations])

  const groupLabel = (group: StakeholderGroupRecord | undefined) =>
    !group ? t('groups.none') : group.name !== '' ? group.name : group.preset !== '' ? t(`groups.${group.preset}`) : t('groups.none')

  /** Every write goes through here: a refused plan shows its reason instead of failing silently. */
  const commitPlan = useCommitPlan(store, (refused) => setError(refused.message))
  const commit = useCallback(
    (plan: DocumentPlan) => {
      if (commitPlan(plan)) setError(null)
    },
    [commitPlan],
  )

  const closeCard = () => {
    const id = openId
    setOpenId(null)
    if (id) actionRefs.current.get(id)?.focus()
  }

  const openStakeholder = stakeholders.find((s) => s.id === openId)
  const gapText = (steps: number, direction: 'up' | 'down') => t(direction === 'up' ? 'gap.up' : 'gap.down', { count: steps })

  return (
    <div className={`matrix-board${openId ? ' matrix-board--with-card' : ''}`} data-testid="involvement-matrix">
      <div className="matrix-board__main">
        <div className="matrix-board__top">
          <p className="matrix-source">
            {t('source')} <BoardLink boardId={map.id}>{map.title}</BoardLink>
          </p>
          <p className="matrix-summary" aria-label={t('summary.label')} data-testid="matrix-summary" aria-live="polite">
            {[
              t('summary.stakeholders', { count: summary.total }),
              summary.raise > 0 ? t('summary.raise', { count: summary.raise }) : null,
              summary.lower > 0 ? t('summary.lower', { count: summary.lower }) : null,
              summary.biggestGaps.length > 0
                ? t('summary.biggest', {
                    list: summary.biggestGaps
                      .filter((g) => g.steps === summary.biggestGaps[0]!.steps)
                      .map((g) => t('summary.gapItem', { name: g.name || t('unnamed'), gap: `${g.direction === 'up' ? '+' : '−'}${g.steps}` }))
                      .join(', '),
                  })
                : summary.total > 0
                  ? t('summary.noneSet')
                  : null,
            ]
              .filter((part) => part !== null)
              .join(' · ')}
          </p>
          <ul className="matrix-legend">
            <li>
              <span className="matrix-marker matrix-marker--now matrix-marker--legend" aria-hidden="true">
                <NowShape />
                {t('marker.now')}
              </span>
              <span className="matrix-legend__text">{t('legend.now')}</span>
            </li>
            <li>
              <span className="matrix-marker matrix-marker--wanted matrix-marker--legend" aria-hidden="true">
                <WantedShape />
                {t('marker.wanted')}
              </span>
              <span className="matrix-legend__text">{t('legend.wanted')}</span>
            </li>
          </ul>
          <p className="matrix-hint" id={hintId}>
            {t('marker.hint')}
          </p>
          {error && (
            <p role="alert" className="matrix-error">
              {t('error', { message: error })}
            </p>
          )}
        </div>

        {rows.length === 0 ? (
          <div className="matrix-empty matrix-empty--inline">
            <p className="matrix-empty__text">{t('empty.noStakeholders', { title: map.title })}</p>
            <BoardLink boardId={map.id} className="button button--primary">
              {t('empty.goToMap')}
            </BoardLink>
          </div>
        ) : (
          <div className="matrix-scroller" role="region" aria-labelledby={`${headerIds}-caption`} tabIndex={0}>
            <table className="matrix-table">
              <caption id={`${headerIds}-caption`} className="visually-hidden">
                {t('caption')}
              </caption>
              <colgroup>
                <col className="matrix-table__who-col" />
                {involvementLevels.map((id) => (
                  <col key={id} className="matrix-table__level-col" />
                ))}
              </colgroup>
              <thead>
                <tr>
                  <th scope="col" className="matrix-table__corner">
                    {t('stakeholderColumn')}
                  </th>
                  {involvementLevels.map((id, i) => (
                    <th scope="col" key={id} className="matrix-table__level" title={t(`levels.${id}.meaning`)}>
                      <span className="matrix-table__level-number" aria-hidden="true">
                        {i + 1}
                      </span>
                      <span className="matrix-table__level-name">{t(`levels.${id}.name`)}</span>
                      <span className="matrix-table__level-short" id={`${headerIds}-${id}`}>
                        {t(`levels.${id}.short`)}
                        <span className="visually-hidden">. {t(`levels.${id}.meaning`)}</span>
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <MatrixRow
                    key={s.id}
                    stakeholder={s}
                    groupLabel={groupLabel(groupById.get(s.groupId))}
                    defined={definitionFor.has(s.id)}
                    open={openId === s.id}
                    hintId={hintId}
                    levelDescriptionId={(id) => `${headerIds}-${id}`}
                    gapText={(steps, direction) => gapText(steps, direction)}
                    sameText={t('gap.same')}
                    readOnly={!canEdit}
                    onSetLevels={(patch) => canEdit && commit({ updateItems: [{ id: s.id, patch }] })}
                    onOpenDefinition={() => setOpenId(openId === s.id ? null : s.id)}
                    actionRef={(el) => {
                      if (el) actionRefs.current.set(s.id, el)
                      else actionRefs.current.delete(s.id)
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {openId && (
        <CollaborationCard
          key={openId}
          store={store}
          boardId={board.id}
          stakeholderId={openId}
          stakeholderName={openStakeholder ? openStakeholder.name || t('unnamed') : null}
          collaboration={definitionFor.get(openId)}
          commit={commit}
          readOnly={!canEdit}
          onClose={closeCard}
        />
      )}
    </div>
  )
}
