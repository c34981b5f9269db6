import { useEffect, useId, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { CARD_TEXT_MAX, type CardLane, type CardRecord } from '../../../../shared/schema/records/card'
import { isOverdue, type CardLink, type LinkRefusal } from '../../../../shared/logic/challengeBoard'
import type { Tagged } from '../../../../shared/schema/tags'
import { DueDateInput, OwnerInput, StatusControl } from './actionFields'
import { TagBadges, Tagger } from './CardTags'

/** What a card can ask the board to do. The board turns each into a plan and applies it. */
export interface CardActions {
  setText(id: string, text: string): void
  setFields(id: string, patch: Partial<Pick<CardRecord, 'owner' | 'dueDate' | 'status'>>): void
  setTags(id: string, tags: Tagged): void
  remove(id: string): void
  move(id: string, lane: CardLane, index: number): void
  startLink(id: string): void
  linkTo(id: string): void
  unlink(id: string, otherId: string): void
  showCard(id: string): void
  hover(id: string | null): void
  /** Starts dragging by the handle; the board follows the pointer until it is released. */
  dragStart(id: string, event: ReactPointerEvent<HTMLElement>): void
}

export type LinkTargetState = null | { ok: true } | { ok: false; reason: LinkRefusal }

/** A vote on this card's board and lane: this person's dots and everyone's, with the buttons when open. */
export interface CardVote {
  /** This person's dots; null when they cannot vote (an observer, or the results of a closed vote). */
  mine: number | null
  /** Everyone's dots; null while a vote is hidden. */
  total: number | null
  left: number
  /** Why "Give dot" is disabled (no dots left, or this card at its maximum), else null. */
  blocked: string | null
  onCast(): void
  onRetract(): void
}

export interface CardViewProps {
  card: CardRecord
  index: number
  count: number
  links: readonly { link: CardLink; text: string }[]
  /** Set while another card is choosing a link partner. */
  linkTarget: LinkTargetState
  isLinkSource: boolean
  highlight: 'chain' | 'dim' | null
  /** The tag filter is on and this card does not match: drawn faded, still usable. */
  filteredOut: boolean
  drag: { dx: number; dy: number } | null
  today: string
  suggestionsId: string
  /** Other lanes, with how many links a move there would remove. */
  moveTargets: readonly { lane: CardLane; breaks: number }[]
  /** False for observers and on a locked board: the card is shown, not offered for editing. */
  editable: boolean
  vote: CardVote | null
  actions: CardActions
  registerElement(element: HTMLLIElement | null): void
}

const roleOrder = ['answers', 'carriesOut', 'answeredBy', 'carriedOutBy'] as const

export function CardView(props: CardViewProps) {
  const { card, index, count, links, linkTarget, isLinkSource, highlight, filteredOut, drag, today, suggestionsId, moveTargets, editable, vote, actions } = props
  const { t } = useTranslation('challenges')
  const [draft, setDraft] = useState<string | null>(null)
  const empty = card.text.trim() === ''
  const isAction = card.lane === 'action'
  const overdue = isAction && isOverdue(card.dueDate, today, card.status)
  const done = isAction && card.status === 'done'

  const commitText = () => {
    if (draft !== null && draft.trim() !== card.text) actions.setText(card.id, draft.trim())
    setDraft(null)
  }

  const classes = ['csa-card', `csa-card--${card.lane}`]
  if (done) classes.push('csa-card--done')
  if (highlight) classes.push(`csa-card--${highlight}`)
  if (filteredOut) classes.push('csa-card--filtered-out')
  if (drag) classes.push('csa-card--dragging')
  if (isLinkSource) classes.push('csa-card--link-source')
  if (linkTarget?.ok) classes.push('csa-card--link-target')
  if (linkTarget && !linkTarget.ok) classes.push('csa-card--link-refused')

  return (
    <li
      ref={props.registerElement}
      className={classes.join(' ')}
      data-card-id={card.id}
      data-lane={card.lane}
      data-filtered-out={filteredOut || undefined}
      data-testid="challenge-card"
      style={drag ? { transform: `translate(${drag.dx}px, ${drag.dy}px)` } : undefined}
      onClick={(e) => {
        // In link mode the whole card is the target; its own controls keep their meaning.
        if (linkTarget?.ok && !(e.target as Element).closest('button, input, textarea, select, label, a')) actions.linkTo(card.id)
      }}
      onPointerEnter={() => actions.hover(card.id)}
      onPointerLeave={() => actions.hover(null)}
      onFocus={() => actions.hover(card.id)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) actions.hover(null)
      }}
      onKeyDown={(e) => {
        if (!editable || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return
        e.preventDefault()
        actions.move(card.id, card.lane, index + (e.key === 'ArrowUp' ? -1 : 1))
      }}
    >
      <div className="csa-card__head">
        {editable && (
        <button
          type="button"
          className="csa-card__handle"
          aria-label={t('card.drag', { text: empty ? t('card.empty') : card.text })}
          aria-keyshortcuts="ArrowUp ArrowDown"
          onPointerDown={(e) => actions.dragStart(card.id, e)}
          onKeyDown={(e) => {
            if (e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return
            e.preventDefault()
            actions.move(card.id, card.lane, index + (e.key === 'ArrowUp' ? -1 : 1))
          }}
        >
          <span aria-hidden="true">⠿</span>
        </button>
        )}
        {draft !== null ? (
          <textarea
            className="csa-card__editor"
            aria-label={t('card.editLabel')}
            value={draft}
            maxLength={CARD_TEXT_MAX}
            autoFocus
            rows={Math.min(8, Math.max(2, draft.split('\n').length))}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={commitText}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault()
                commitText()
              } else if (e.key === 'Escape') {
                e.preventDefault()
                setDraft(null)
              }
            }}
          />
        ) : (
          <p className={empty ? 'csa-card__text csa-card__text--empty' : 'csa-card__text'} data-testid="card-text" onClick={editable ? () => setDraft(card.text) : undefined}>
            {empty ? t('card.empty') : card.text}
          </p>
        )}
      </div>

      <TagBadges value={card} />

      {done ? (
        <p className="csa-badge csa-badge--done">
          <span aria-hidden="true">✓ </span>
          {t('action.statuses.done')}
        </p>
      ) : null}

      {isAction ? (
        // Disabled as a whole when the person may not edit: the values stay readable.
        <fieldset className="csa-card__action" disabled={!editable}>
          <label className="csa-field">
            <span className="csa-field__label">{t('action.owner')}</span>
            <OwnerInput value={card.owner} label={t('action.owner')} suggestionsId={suggestionsId} onCommit={(owner) => actions.setFields(card.id, { owner })} />
          </label>
          <label className="csa-field">
            <span className="csa-field__label">{t('action.due')}</span>
            <DueDateInput value={card.dueDate} label={t('action.due')} onCommit={(dueDate) => actions.setFields(card.id, { dueDate })} testId="card-due" />
          </label>
          {overdue ? (
            <p className="csa-card__due">
              <span className="csa-badge csa-badge--overdue">{t('action.overdue')}</span>
            </p>
          ) : null}
          <StatusControl value={card.status} name={`status-${card.id}`} label={t('action.status')} onCommit={(status) => actions.setFields(card.id, { status })} />
        </fieldset>
      ) : null}

      {links.length > 0 ? (
        <dl className="csa-links">
          {roleOrder.map((role) => {
            const ofRole = links.filter((l) => l.link.role === role)
            if (ofRole.length === 0) return null
            return (
              <div key={role} className="csa-links__group" data-role={role}>
                <dt>{t(`links.${role}`)}</dt>
                {ofRole.map(({ link, text }) => (
                  <dd key={link.connectorId} className="csa-links__item">
                    <button type="button" className="csa-links__other" aria-label={t('links.show', { text })} onClick={() => actions.showCard(link.otherId)}>
                      {text}
                    </button>
                    {editable && (
                      <button type="button" className="csa-icon-button" aria-label={t('links.unlink', { text })} title={t('links.unlink', { text })} onClick={() => actions.unlink(card.id, link.otherId)}>
                        <span aria-hidden="true">×</span>
                      </button>
                    )}
                  </dd>
                ))}
              </div>
            )
          })}
        </dl>
      ) : null}

      {vote && <CardVoteRow vote={vote} text={empty ? t('card.empty') : card.text} />}

      {editable && (
      <div className="csa-card__bar">
        {draft === null ? (
          <button type="button" className="csa-small-button" onClick={() => setDraft(card.text)}>
            {t('card.edit')}
          </button>
        ) : null}
        <button type="button" className="csa-small-button" aria-pressed={isLinkSource} onClick={() => actions.startLink(card.id)}>
          <span aria-hidden="true">⇄ </span>
          {t('card.link')}
        </button>
        <Tagger value={{ sdgs: card.sdgs, dimension: card.dimension }} cardText={empty ? t('card.empty') : card.text} onChange={(tags) => actions.setTags(card.id, tags)} />
        <CardMenu
          index={index}
          count={count}
          moveTargets={moveTargets}
          onMove={(lane, to) => actions.move(card.id, lane, to)}
          onDelete={() => actions.remove(card.id)}
          lane={card.lane}
        />
      </div>
      )}

      {linkTarget ? (
        <div className="csa-card__link-overlay">
          {linkTarget.ok ? (
            <button type="button" className="button button--primary csa-link-here" onClick={() => actions.linkTo(card.id)}>
              {t('linkMode.here')}
            </button>
          ) : (
            <p className="csa-link-refused">{t(`linkMode.reasons.${linkTarget.reason}`)}</p>
          )}
        </div>
      ) : isLinkSource ? (
        <p className="csa-link-source-note">{t('linkMode.source')}</p>
      ) : null}
    </li>
  )
}

/** Dots on a card: a visible "Gi prikk" button (cards have no selection to hang it on), the counts in words. */
function CardVoteRow({ vote, text }: { vote: CardVote; text: string }) {
  const { t } = useTranslation('session')
  const blockedId = useId()
  const counts =
    vote.mine === null
      ? vote.total === null
        ? null
        : t('results.dots', { count: vote.total })
      : vote.total === null
        ? t('vote.mineShort', { count: vote.mine })
        : t('vote.mineAndTotal', { mine: vote.mine, total: vote.total })
  return (
    <div className="csa-vote" data-testid="card-vote">
      {counts && (
        <span className="csa-vote__counts" data-testid="card-vote-counts">
          {vote.mine !== null &&
            Array.from({ length: Math.min(vote.mine, 5) }, (_, i) => <span key={i} className="csa-vote__dot" aria-hidden="true" />)}
          {counts}
        </span>
      )}
      {vote.mine !== null && (
        <>
          <button
            type="button"
            className="csa-small-button csa-vote__cast"
            onClick={vote.onCast}
            disabled={vote.blocked !== null}
            aria-describedby={vote.blocked ? blockedId : undefined}
            aria-label={t('vote.castCardLabel', { text, mine: vote.mine, left: vote.left })}
            data-testid="card-vote-cast"
          >
            <span className="csa-vote__dot" aria-hidden="true" />
            {t('vote.cast')}
          </button>
          <button
            type="button"
            className="csa-small-button csa-vote__retract"
            onClick={vote.onRetract}
            disabled={vote.mine === 0}
            aria-label={t('vote.retractCardLabel', { text })}
            title={t('vote.retract')}
            data-testid="card-vote-retract"
          >
            {/* A minus sign: the card is narrow, and the name says "Ta tilbake prikk fra «…»". */}
            <span aria-hidden="true">−</span>
          </button>
          {vote.blocked && (
            <span id={blockedId} className="csa-vote__blocked" data-testid="card-vote-blocked">
              {vote.blocked}
            </span>
          )}
        </>
      )}
    </div>
  )
}

interface CardMenuProps {
  index: number
  count: number
  lane: CardLane
  moveTargets: readonly { lane: CardLane; breaks: number }[]
  onMove(lane: CardLane, index: number): void
  onDelete(): void
}

/** A disclosure with the less frequent card actions; closes on choice, Escape or a click outside. */
function CardMenu({ index, count, lane, moveTargets, onMove, onDelete }: CardMenuProps) {
  const { t } = useTranslation('challenges')
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const onPointer = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  const choose = (fn: () => void) => {
    setOpen(false)
    fn()
  }

  return (
    <div
      className="csa-menu"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation()
          setOpen(false)
          buttonRef.current?.focus()
        }
      }}
    >
      <button ref={buttonRef} type="button" className="csa-small-button" aria-expanded={open} aria-label={t('card.menu')} title={t('card.menu')} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">⋯</span>
      </button>
      {open ? (
        <ul className="csa-menu__list">
          <li>
            <button type="button" disabled={index === 0} onClick={() => choose(() => onMove(lane, index - 1))}>
              <span aria-hidden="true">↑ </span>
              {t('card.moveUp')}
            </button>
          </li>
          <li>
            <button type="button" disabled={index >= count - 1} onClick={() => choose(() => onMove(lane, index + 1))}>
              <span aria-hidden="true">↓ </span>
              {t('card.moveDown')}
            </button>
          </li>
          {moveTargets.map((target) => (
            <li key={target.lane}>
              <button type="button" onClick={() => choose(() => onMove(target.lane, Number.MAX_SAFE_INTEGER))}>
                <span aria-hidden="true">→ </span>
                {t('card.moveTo', { lane: t(`lanes.${target.lane}.name`) })}
                {target.breaks > 0 ? <span className="csa-menu__warning"> ({t('card.moveBreaks', { count: target.breaks })})</span> : null}
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="csa-menu__danger" onClick={() => choose(onDelete)}>
              {t('card.delete')}
            </button>
          </li>
        </ul>
      ) : null}
    </div>
  )
}
