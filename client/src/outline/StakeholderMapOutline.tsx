import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { orderAtEnd, planReorder, sortByOrder } from '../../../shared/logic/boardOrder'
import type { Point } from '../../../shared/logic/geometry'
import { layoutZones, newStakeholder, placeInZone, planGroupChange, planRemoveGroup, resolveMapPositions, sortForPlan, zoneAt, zoneMetrics } from '../../../shared/logic/stakeholderMap'
import { STAKEHOLDER_CARD_SIZE, STAKEHOLDER_NAME_MAX, STAKEHOLDER_TEXT_MAX, type StakeholderRecord } from '../../../shared/schema/records/stakeholder'
import { GROUP_NAME_MAX, type StakeholderGroupRecord } from '../../../shared/schema/records/stakeholderGroup'
import type { BoardProps } from '../boards/BoardProps'
import { useBoardAccess } from '../session/BoardAccessContext'
import { useItemsOfKind } from '../store/hooks'
import { ButtonRow, SelectField, TextField } from './OutlineFields'
import { OutlineMessageView, OutlineSection } from './OutlineSection'
import { OutlineTags } from './OutlineTags'
import { controlId, focusWhenReady, useOutlineCommit } from './useOutline'

const ratings = ['1', '2', '3', '4', '5'] as const
const textFields = ['contactPerson', 'message', 'channel', 'frequency'] as const

/**
 * The stakeholder map as headings and lists: each group a heading with its stakeholders, each
 * stakeholder a small form. Same records, same planners as the map, so both stay in step.
 */
export function StakeholderMapOutline({ store, board }: BoardProps) {
  const { t } = useTranslation('outline')
  const { t: ts } = useTranslation('stakeholderMap')
  const rawGroups = useItemsOfKind(store, board.id, 'stakeholderGroup')
  const stakeholders = useItemsOfKind(store, board.id, 'stakeholder')
  const { commit, message, say } = useOutlineCommit(store)
  const { canEdit } = useBoardAccess()

  const groups = useMemo(() => sortByOrder(rawGroups), [rawGroups])
  const labelOf = (group: StakeholderGroupRecord | undefined) =>
    !group ? ts('ungrouped') : group.name.trim() ? group.name : group.preset ? ts(`presets.${group.preset}`) : ts('unnamedGroup')
  const zones = useMemo(() => {
    const counts = new Map<string, number>()
    for (const s of stakeholders) if (s.groupId) counts.set(s.groupId, (counts.get(s.groupId) ?? 0) + 1)
    return layoutZones(groups, { cardCounts: counts })
  }, [groups, stakeholders])
  const positions = useMemo(() => resolveMapPositions(stakeholders, zones), [stakeholders, zones])
  const ordered = useMemo(() => sortForPlan(stakeholders, groups), [stakeholders, groups])
  const known = new Set(groups.map((g) => g.id))
  const sections: { id: string; group: StakeholderGroupRecord | undefined; cards: StakeholderRecord[] }[] = [
    ...groups.map((g) => ({ id: g.id, group: g, cards: ordered.filter((s) => s.groupId === g.id) })),
    { id: '', group: undefined, cards: ordered.filter((s) => !known.has(s.groupId)) },
  ]
  const groupChoices = [...groups.map((g) => ({ value: g.id, label: labelOf(g) })), { value: '', label: ts('ungrouped') }]
  const nameOf = (s: StakeholderRecord) => s.name.trim() || ts('unnamed')
  const headingId = (groupId: string) => controlId(board.id, groupId || 'ungrouped', 'heading')

  const add = (groupId: string) => {
    const size = STAKEHOLDER_CARD_SIZE
    const zone = zones.find((z) => z.groupId === groupId)
    let topLeft: Point
    if (zone) {
      const inZone = [...positions.values()].filter((p) => zoneAt({ x: p.x + size.w / 2, y: p.y + size.h / 2 }, zones) === groupId)
      topLeft = placeInZone(zone, inZone)
    } else {
      // The same tray below the zones the map uses for cards without a group.
      const bottom = zones.reduce((max, z) => Math.max(max, z.y + z.h), 0)
      const tray = { x: -zoneMetrics.padding, y: bottom + zoneMetrics.margin - zoneMetrics.header, w: 0, h: 0 }
      topLeft = placeInZone(tray, [...positions.values()].filter((p) => p.y >= bottom))
    }
    const record = newStakeholder({ id: store.newId(), boardId: board.id, groupId: zone ? groupId : '', name: ts('newStakeholderName'), ...topLeft, now: Date.now() })
    if (commit({ createItems: [record] })) focusWhenReady(controlId(board.id, record.id, 'name'), { select: true })
  }
  const remove = (s: StakeholderRecord) => {
    const section = sections.find((sec) => sec.cards.some((c) => c.id === s.id))
    const list = section?.cards ?? []
    const index = list.findIndex((c) => c.id === s.id)
    const next = list[index + 1] ?? list[index - 1]
    if (!commit({ deleteItems: [s.id] })) return
    say(t('stakeholders.deleted', { name: nameOf(s) }))
    focusWhenReady(next ? controlId(board.id, next.id, 'name') : headingId(section?.id ?? ''))
  }
  const patch = (id: string, p: Partial<StakeholderRecord>) => commit({ updateItems: [{ id, patch: p }] })
  const moveToGroup = (s: StakeholderRecord, groupId: string) => {
    if (commit({ updateItems: [{ id: s.id, patch: planGroupChange(s.id, groupId, zones, positions) }] })) {
      focusWhenReady(controlId(board.id, s.id, 'group'))
    }
  }

  // ---- groups ----
  const addGroup = () => {
    const group: StakeholderGroupRecord = { id: store.newId(), kind: 'stakeholderGroup', boardId: board.id, name: ts('groups.newName'), preset: '', order: orderAtEnd(groups), createdAt: Date.now() }
    if (commit({ createItems: [group] })) focusWhenReady(controlId(board.id, group.id, 'groupName'), { select: true })
  }
  const moveGroup = (g: StakeholderGroupRecord, toIndex: number, control: string) => {
    const order = planReorder(groups, g.id, toIndex)
    if (order !== null && commit({ updateItems: [{ id: g.id, patch: { order } }] })) focusWhenReady(controlId(board.id, g.id, control))
  }
  const removeGroup = (g: StakeholderGroupRecord, index: number) => {
    const next = groups[index + 1] ?? groups[index - 1]
    if (!commit(planRemoveGroup(g.id, stakeholders))) return
    say(t('groups.removed', { name: labelOf(g) }))
    focusWhenReady(next ? controlId(board.id, next.id, 'groupName') : controlId(board.id, 'groups', 'heading'))
  }

  return (
    <OutlineSection board={board} kind="stakeholderMap">
      <OutlineMessageView message={message} />
      <section className="ol-block" aria-labelledby={controlId(board.id, 'groups', 'heading')}>
        <h3 id={controlId(board.id, 'groups', 'heading')} tabIndex={-1}>
          {t('groups.heading')}
        </h3>
        <ol className="ol-list ol-list--compact">
          {groups.map((g, i) => (
            <li key={g.id} className="ol-row" data-testid="outline-group">
              <TextField
                id={controlId(board.id, g.id, 'groupName')}
                label={t('groups.name', { position: i + 1 })}
                value={g.name.trim() ? g.name : labelOf(g)}
                maxLength={GROUP_NAME_MAX}
                onCommit={(name) => commit({ updateItems: [{ id: g.id, patch: { name } }] })}
              />
              <ButtonRow label={t('groups.actions', { name: labelOf(g) })}>
                <button type="button" id={controlId(board.id, g.id, 'up')} className="ol-button" disabled={i === 0} onClick={() => moveGroup(g, i - 1, 'up')}>
                  {t('move.up')}
                </button>
                <button type="button" id={controlId(board.id, g.id, 'down')} className="ol-button" disabled={i === groups.length - 1} onClick={() => moveGroup(g, i + 1, 'down')}>
                  {t('move.down')}
                </button>
                <button type="button" className="ol-button ol-button--danger" onClick={() => removeGroup(g, i)}>
                  {t('groups.remove')}
                </button>
              </ButtonRow>
            </li>
          ))}
        </ol>
        {canEdit && (
          <button type="button" className="ol-button" onClick={addGroup}>
            {t('groups.add')}
          </button>
        )}
        <p className="ol-note">{t('groups.removeNote')}</p>
      </section>

      {sections.map(({ id, group, cards }) =>
        id === '' && cards.length === 0 ? null : (
          <section key={id || 'ungrouped'} className="ol-block" aria-labelledby={headingId(id)} data-testid="outline-stakeholder-group">
            <h3 id={headingId(id)} tabIndex={-1}>
              {t('stakeholders.groupHeading', { name: labelOf(group), count: cards.length })}
            </h3>
            {cards.length === 0 ? (
              <p className="ol-note">{t('stakeholders.empty')}</p>
            ) : (
              <ul className="ol-list">
                {cards.map((s) => (
                  <li key={s.id} className="ol-card" data-testid="outline-stakeholder" aria-labelledby={controlId(board.id, s.id, 'title')}>
                    <h4 id={controlId(board.id, s.id, 'title')}>{nameOf(s)}</h4>
                    <div className="ol-grid">
                      <TextField id={controlId(board.id, s.id, 'name')} label={t('stakeholders.name')} value={s.name} maxLength={STAKEHOLDER_NAME_MAX} onCommit={(name) => patch(s.id, { name })} />
                      <SelectField id={controlId(board.id, s.id, 'group')} label={t('stakeholders.group')} value={known.has(s.groupId) ? s.groupId : ''} choices={groupChoices} onChange={(g) => moveToGroup(s, g)} />
                      <SelectField
                        id={controlId(board.id, s.id, 'influence')}
                        label={t('stakeholders.influence')}
                        value={String(s.influence)}
                        choices={ratings.map((r) => ({ value: r, label: t(`rating.${r}`) }))}
                        onChange={(v) => patch(s.id, { influence: Number(v) })}
                      />
                      <SelectField
                        id={controlId(board.id, s.id, 'interest')}
                        label={t('stakeholders.interest')}
                        value={String(s.interest)}
                        choices={ratings.map((r) => ({ value: r, label: t(`rating.${r}`) }))}
                        onChange={(v) => patch(s.id, { interest: Number(v) })}
                      />
                      {textFields.map((field) => (
                        <TextField key={field} id={controlId(board.id, s.id, field)} label={t(`stakeholders.${field}`)} value={s[field]} maxLength={STAKEHOLDER_TEXT_MAX} onCommit={(v) => patch(s.id, { [field]: v })} />
                      ))}
                    </div>
                    <OutlineTags itemName={nameOf(s)} value={s} onChange={(tags) => patch(s.id, tags)} />
                    {canEdit && (
                      <button type="button" className="ol-button ol-button--danger" onClick={() => remove(s)}>
                        {t('stakeholders.delete', { name: nameOf(s) })}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canEdit && (
              <button type="button" className="ol-button ol-button--primary" onClick={() => add(id)}>
                {t('stakeholders.add', { group: labelOf(group) })}
              </button>
            )}
          </section>
        ),
      )}
    </OutlineSection>
  )
}
