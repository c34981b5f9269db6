import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { sortByOrder } from '../../../shared/logic/boardOrder'
import { checkLink, laneOrder, linksOf, planAddCard, planDeleteCard, planLink, planMoveCard, planUnlink } from '../../../shared/logic/challengeBoard'
import { actionStatuses, CARD_TEXT_MAX, OWNER_MAX, type ActionStatus, type CardLane, type CardRecord } from '../../../shared/schema/records/card'
import type { BoardProps } from '../boards/BoardProps'
import { laneFor } from '../../../shared/facilitation/reveal'
import { useBoardAccess } from '../session/BoardAccessContext'
import { sessionBus } from '../session/sessionBus'
import { useBoardVote } from '../session/useBoardVote'
import { useItemsOfKind } from '../store/hooks'
import { ButtonRow, SelectField, TextField } from './OutlineFields'
import { OutlineMessageView, OutlineSection } from './OutlineSection'
import { OutlineTags } from './OutlineTags'
import { OutlineVote } from './OutlineVote'
import { controlId, focusWhenReady, useOutlineCommit } from './useOutline'

/** A due date as the schema stores it: a real calendar day written YYYY-MM-DD, or nothing. */
function isDueDate(value: string): boolean {
  if (value === '') return true
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/**
 * The challenge / solution / action board as three lists under the three questions. Every card
 * is a small form: text, lane, order, links, and for actions owner, due date and status.
 */
export function ChallengeOutline({ store, board }: BoardProps) {
  const { t } = useTranslation('outline')
  const { t: tc } = useTranslation('challenges')
  const cards = useItemsOfKind(store, board.id, 'card')
  const allConnectors = useItemsOfKind(store, board.id, 'connector')
  const stakeholders = useItemsOfKind(store, board.linkedBoardId, 'stakeholder')
  const { commit, message, say } = useOutlineCommit(store)
  const { t: ts } = useTranslation('session')
  const { canEdit, canCreate, limit, privateLane } = useBoardAccess()
  const voting = useBoardVote(store, board.id)
  const connectors = useMemo(() => allConnectors.filter((c) => c.relation !== ''), [allConnectors])

  const byLane = useMemo(() => {
    const lanes: Record<CardLane, CardRecord[]> = { challenge: [], solution: [], action: [] }
    for (const card of sortByOrder(cards)) lanes[card.lane].push(card)
    return lanes
  }, [cards])
  const byId = useMemo(() => new Map(cards.map((c) => [c.id, c])), [cards])
  const ownerNames = useMemo(() => [...new Set(stakeholders.map((s) => s.name.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b)), [stakeholders])
  const ownersListId = controlId(board.id, 'owners', 'list')
  const context = () => ({ boardId: board.id, newId: () => store.newId(), now: Date.now() })
  const labelOf = (card: CardRecord) => {
    const index = byLane[card.lane].findIndex((c) => c.id === card.id)
    return t('cards.label', { kind: t(`cards.kind.${card.lane}`), number: index + 1, text: card.text.trim() || t('cards.empty') })
  }
  const laneHeadingId = (lane: CardLane) => controlId(board.id, lane, 'heading')

  const add = (lane: CardLane, text: string): boolean => {
    const plan = planAddCard(cards, lane, text, context())
    const id = plan.createItems?.[0]?.id
    if (!commit(plan)) return false
    if (id) focusWhenReady(controlId(board.id, id, 'text'))
    return true
  }
  const move = (card: CardRecord, lane: CardLane, index: number, control: string) => {
    const plan = planMoveCard(cards, connectors, card.id, lane, index)
    const broken = plan.deleteItems?.length ?? 0
    if (!commit(plan)) return
    if (broken > 0) say(t('cards.linksRemoved', { count: broken }))
    focusWhenReady(controlId(board.id, card.id, control))
  }
  const remove = (card: CardRecord) => {
    const list = byLane[card.lane]
    const index = list.findIndex((c) => c.id === card.id)
    const next = list[index + 1] ?? list[index - 1]
    if (!commit(planDeleteCard(connectors, card.id))) return
    say(t('cards.deleted', { label: labelOf(card) }))
    focusWhenReady(next ? controlId(board.id, next.id, 'text') : laneHeadingId(card.lane))
  }
  const link = (card: CardRecord, otherId: string) => {
    const plan = planLink(cards, connectors, card.id, otherId, context())
    if ('error' in plan) {
      say(tc(`linkMode.reasons.${plan.error}`))
      return
    }
    if (commit(plan)) focusWhenReady(controlId(board.id, card.id, `unlink-${otherId}`))
  }
  const unlink = (card: CardRecord, otherId: string) => {
    if (commit(planUnlink(connectors, card.id, otherId))) {
      const other = byId.get(otherId)
      if (other) say(t('cards.unlinked', { label: labelOf(other) }))
      // The list of choices is back to include the card just unlinked; else the card's heading.
      focusWhenReady(controlId(board.id, card.id, 'link'))
    }
  }
  const patch = (id: string, p: Partial<CardRecord>) => commit({ updateItems: [{ id, patch: p }] })

  return (
    <OutlineSection board={board} kind="challengeBoard">
      <OutlineMessageView message={message} />
      <datalist id={ownersListId}>
        {ownerNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {laneOrder.map((lane) => {
        const list = byLane[lane]
        return (
          <section key={lane} className="ol-block" aria-labelledby={laneHeadingId(lane)} data-testid="outline-lane" data-lane={lane}>
            <h3 id={laneHeadingId(lane)} tabIndex={-1}>
              {tc(`lanes.${lane}.question`)} <span className="ol-count">({t('cards.count', { count: list.length })})</span>
            </h3>
            {list.length === 0 ? (
              <p className="ol-note">{t('cards.none')}</p>
            ) : (
              <ol className="ol-list">
                {list.map((card, index) => {
                  const links = linksOf(card.id, connectors).filter((l) => byId.has(l.otherId))
                  const linkable = cards.filter((other) => checkLink(cards, connectors, card.id, other.id).ok)
                  return (
                    <li key={card.id} className="ol-card" data-testid="outline-card" data-lane={lane} aria-labelledby={controlId(board.id, card.id, 'title')}>
                      <h4 id={controlId(board.id, card.id, 'title')} tabIndex={-1}>{labelOf(card)}</h4>
                      <div className="ol-grid">
                        <TextField id={controlId(board.id, card.id, 'text')} label={t('cards.text')} value={card.text} maxLength={CARD_TEXT_MAX} multiline onCommit={(text) => patch(card.id, { text })} hint={t('cards.textHint')} />
                        <SelectField
                          id={controlId(board.id, card.id, 'lane')}
                          label={t('cards.lane')}
                          value={card.lane}
                          choices={laneOrder.map((l) => ({ value: l, label: tc(`lanes.${l}.name`) }))}
                          onChange={(l) => move(card, l as CardLane, byLane[l as CardLane].length, 'lane')}
                        />
                        {lane === 'action' && (
                          <>
                            <TextField id={controlId(board.id, card.id, 'owner')} label={tc('action.owner')} value={card.owner} maxLength={OWNER_MAX} list={ownersListId} onCommit={(owner) => patch(card.id, { owner })} />
                            <TextField
                              id={controlId(board.id, card.id, 'due')}
                              label={tc('action.due')}
                              value={card.dueDate}
                              hint={t('cards.dueHint')}
                              inputMode="numeric"
                              validate={(v) => (isDueDate(v.trim()) ? null : t('cards.dueInvalid'))}
                              onCommit={(dueDate) => patch(card.id, { dueDate: dueDate.trim() })}
                            />
                            <SelectField
                              id={controlId(board.id, card.id, 'status')}
                              label={tc('action.status')}
                              value={card.status}
                              choices={actionStatuses.map((s) => ({ value: s, label: tc(`action.statuses.${s}`) }))}
                              onChange={(status) => patch(card.id, { status: status as ActionStatus })}
                            />
                          </>
                        )}
                      </div>
                      <div className="ol-links">
                        {links.length === 0 ? (
                          <p className="ol-note">{t('cards.noLinks')}</p>
                        ) : (
                          <ul aria-label={t('cards.linksOf', { label: labelOf(card) })}>
                            {links.map((l) => {
                              const other = byId.get(l.otherId)!
                              return (
                                <li key={l.connectorId} data-testid="outline-link">
                                  {t(`cards.role.${l.role}`, { label: labelOf(other) })}{' '}
                                  {canEdit && (
                                    <button type="button" id={controlId(board.id, card.id, `unlink-${other.id}`)} className="ol-button ol-button--small" onClick={() => unlink(card, other.id)}>
                                      {t('cards.unlink', { label: labelOf(other) })}
                                    </button>
                                  )}
                                </li>
                              )
                            })}
                          </ul>
                        )}
                        {linkable.length > 0 && canEdit && (
                          <LinkForm
                            id={controlId(board.id, card.id, 'link')}
                            choices={linkable.map((other) => ({ value: other.id, label: labelOf(other) }))}
                            onLink={(otherId) => link(card, otherId)}
                          />
                        )}
                      </div>
                      <OutlineVote voting={voting} item={card} label={labelOf(card)} />
                      <OutlineTags itemName={labelOf(card)} value={card} onChange={(tags) => patch(card.id, tags)} />
                      <ButtonRow label={t('cards.actions', { label: labelOf(card) })}>
                        <button type="button" id={controlId(board.id, card.id, 'up')} className="ol-button" disabled={index === 0} onClick={() => move(card, lane, index - 1, 'up')}>
                          {t('move.up')}
                        </button>
                        <button type="button" id={controlId(board.id, card.id, 'down')} className="ol-button" disabled={index === list.length - 1} onClick={() => move(card, lane, index + 1, 'down')}>
                          {t('move.down')}
                        </button>
                        <button type="button" className="ol-button ol-button--danger" onClick={() => remove(card)}>
                          {t('cards.delete')}
                        </button>
                      </ButtonRow>
                    </li>
                  )
                })}
              </ol>
            )}
            {canCreate ? (
              <AddCard boardId={board.id} lane={lane} onAdd={(text) => add(lane, text)} />
            ) : limit === 'private' ? (
              lane === laneFor(privateLane ?? '') ? (
                <button type="button" className="ol-button" onClick={() => sessionBus(store).requestComposer()}>
                  {ts('private.noteButton')}
                </button>
              ) : (
                <p className="ol-note">{ts('private.otherLane', { lane: tc(`lanes.${laneFor(privateLane ?? '')}.name`) })}</p>
              )
            ) : null}
          </section>
        )
      })}
    </OutlineSection>
  )
}

/**
 * "Koble til …": choosing in the list does nothing by itself (arrowing through the options must not
 * link every card on the way); the button makes the link.
 */
function LinkForm({ id, choices, onLink }: { id: string; choices: readonly { value: string; label: string }[]; onLink(otherId: string): void }) {
  const { t } = useTranslation('outline')
  const [chosen, setChosen] = useState('')
  const value = choices.some((c) => c.value === chosen) ? chosen : (choices[0]?.value ?? '')
  return (
    <div className="ol-add">
      <SelectField id={id} label={t('cards.linkTo')} value={value} choices={choices} onChange={setChosen} />
      <button type="button" className="ol-button" id={`${id}-button`} onClick={() => value && onLink(value)}>
        {t('cards.link')}
      </button>
    </div>
  )
}

function AddCard({ boardId, lane, onAdd }: { boardId: string; lane: CardLane; onAdd(text: string): boolean }) {
  const { t } = useTranslation('outline')
  const id = controlId(boardId, lane, 'new')
  return (
    <form
      className="ol-add"
      onSubmit={(e) => {
        e.preventDefault()
        const input = e.currentTarget.elements.namedItem('text') as HTMLInputElement
        if (onAdd(input.value.trim())) input.value = ''
      }}
    >
      <label htmlFor={id}>{t(`cards.new.${lane}`)}</label>
      <input id={id} name="text" type="text" maxLength={CARD_TEXT_MAX} autoComplete="off" />
      <button type="submit" className="ol-button ol-button--primary">
        {t('cards.add')}
      </button>
    </form>
  )
}
