import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { sortByOrder } from '../../../../shared/logic/boardOrder'
import {
  chainOf,
  checkLink,
  isoDate,
  laneOrder,
  linksBrokenByMove,
  linksOf,
  planAddCard,
  planDeleteCard,
  planLink,
  planMoveCard,
  planUnlink,
} from '../../../../shared/logic/challengeBoard'
import { countMatching, emptyTagFilter, isTagFilterActive, matchesTagFilter, type TagFilter } from '../../../../shared/logic/tags'
import { CARD_TEXT_MAX, type CardLane, type CardRecord } from '../../../../shared/schema/records/card'
import { laneFor } from '../../../../shared/facilitation/reveal'
import { useBoardAccess } from '../../session/BoardAccessContext'
import { sessionBus } from '../../session/sessionBus'
import { useBoardVote } from '../../session/useBoardVote'
import { useItemsOfKind } from '../../store/hooks'
import { TagFilterBar } from '../../tags/TagFilterBar'
import type { BoardProps } from '../BoardProps'
import { useCommitPlan } from '../../store/useCommitPlan'
import { matchesMedia, REDUCED_MOTION, useMediaQuery } from '../../ui/useMediaQuery'
import { ActionList } from './ActionList'
import { OwnerSuggestions } from './actionFields'
import { CardView, type CardActions, type CardVote, type LinkTargetState } from './CardView'
import { ConnectorOverlay } from './ConnectorOverlay'
import { AddCardForm, PrivateAddHint } from './AddCard'
import { ChallengeToolbar, NoticeBar, type ChallengeView, type Notice } from './ChallengeToolbar'
import { useCardDrag } from './useCardDrag'
import './challengeBoard.css'
import './challengeCards.css'
import './challengeActionList.css'
import './challengeNarrow.css'
import './challengeTagsAndVotes.css'


/** Lanes side by side need room; below this a phone shows one lane at a time with a switcher. */
const NARROW_QUERY = '(max-width: 759px)'

/**
 * The challenge / solution / action board: three lanes of cards headed by the three questions,
 * links from actions to solutions to challenges, and the action list that goes into the minutes.
 * Plain HTML, so keyboard and screen-reader users get the same board; the connector curves are
 * an extra for the eye.
 */
export function ChallengeBoard({ store, board, view, onView }: BoardProps & { view: ChallengeView; onView(view: ChallengeView): void }) {
  const { t } = useTranslation('challenges')
  const cards = useItemsOfKind(store, board.id, 'card')
  const connectors = useItemsOfKind(store, board.id, 'connector')
  const stakeholders = useItemsOfKind(store, board.linkedBoardId, 'stakeholder')
  const narrow = useMediaQuery(NARROW_QUERY)
  // Observers and a locked board: cards to read (and vote on), not to edit; private writing: cards come through the composer.
  const access = useBoardAccess()
  const voting = useBoardVote(store, board.id)
  const [phoneLane, setPhoneLane] = useState<CardLane>('challenge')
  const [linkSource, setLinkSource] = useState<string | null>(null)
  const [hovered, setHovered] = useState<string | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  // Session state: what this person filters on is theirs, not the workshop's.
  const [filter, setFilter] = useState<TagFilter>(emptyTagFilter)
  const [filterOpen, setFilterOpen] = useState(false)
  const pendingFocus = useRef<{ id: string; element: Element | null } | null>(null)
  const lanesRef = useRef<HTMLDivElement>(null)
  const laneElements = useRef(new Map<CardLane, HTMLElement>())
  const cardElements = useRef(new Map<string, HTMLElement>()).current
  const today = isoDate(new Date())
  const suggestionsId = `owners-${board.id}`

  const byLane = useMemo(() => {
    const lanes: Record<CardLane, CardRecord[]> = { challenge: [], solution: [], action: [] }
    for (const card of sortByOrder(cards)) lanes[card.lane].push(card)
    return lanes
  }, [cards])
  const byId = useMemo(() => new Map(cards.map((c) => [c.id, c])), [cards])
  const textOf = useCallback(
    (id: string) => {
      const text = byId.get(id)?.text.trim()
      return text ? text : t('card.empty')
    },
    [byId, t],
  )
  const ownerNames = useMemo(
    () => [...new Set(stakeholders.map((s) => s.name.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b)),
    [stakeholders],
  )
  const filterActive = isTagFilterActive(filter)
  const filteredOut = useMemo(() => new Set(filterActive ? cards.filter((c) => !matchesTagFilter(c, filter)).map((c) => c.id) : []), [cards, filter, filterActive])
  const filterCount = useMemo(
    () => countMatching(view === 'actions' ? cards.filter((c) => c.lane === 'action') : cards, filter),
    [cards, filter, view],
  )
  // A card deleted by someone else while it was the link source ends link mode.
  const activeLinkSource = linkSource && byId.has(linkSource) ? linkSource : null

  const apply = useCommitPlan(store, (error) => setNotice({ kind: 'error', text: t('notices.rejected', { message: error.message }), undo: false }))
  const context = useCallback(() => ({ boardId: board.id, newId: () => store.newId(), now: Date.now() }), [board.id, store])

  const showCard = useCallback(
    (id: string) => {
      const card = byId.get(id)
      if (!card) return
      onView('lanes')
      setPhoneLane(card.lane)
      pendingFocus.current = { id, element: null }
      setHovered(id)
    },
    [byId, onView],
  )

  /** Moves a card (keyboard, menu or drop): read from the store, since a drop ends a drag that began renders ago. */
  const moveCard = useCallback(
    (id: string, lane: CardLane, index: number) => {
      const now = store.getItemsOfKind(board.id, 'card')
      const card = now.find((c) => c.id === id)
      if (!card) return
      const plan = planMoveCard(now, store.getItemsOfKind(board.id, 'connector'), id, lane, index)
      if (!plan.updateItems?.length) return
      pendingFocus.current = { id, element: document.activeElement }
      if (!apply(plan) || lane === card.lane) return
      setPhoneLane(lane)
      const removed = plan.deleteItems?.length ?? 0
      const laneName = t(`lanes.${lane}.name`)
      setNotice({
        kind: 'info',
        text: removed > 0 ? t('notices.movedLinks', { count: removed, lane: laneName }) : t('notices.moved', { lane: laneName }),
        undo: true,
      })
    },
    [apply, board.id, store, t],
  )
  const { drag, dragStart } = useCardDrag({ byLane, laneElements, cardElements, onDrop: moveCard })
  // A card without links has no chain to show: dimming everything else would only be noise.
  const chain = useMemo(() => {
    if (!hovered || !byId.has(hovered) || drag) return null
    const found = chainOf(hovered, connectors)
    return found.size > 1 ? found : null
  }, [hovered, byId, connectors, drag])

  const actions: CardActions = {
    setText: (id, text) => {
      apply({ updateItems: [{ id, patch: { text: text.slice(0, CARD_TEXT_MAX) } }] })
    },
    setFields: (id, patch) => {
      apply({ updateItems: [{ id, patch }] })
    },
    setTags: (id, tags) => {
      apply({ updateItems: [{ id, patch: { sdgs: tags.sdgs, dimension: tags.dimension } }] })
    },
    remove: (id) => {
      if (apply(planDeleteCard(connectors, id))) {
        if (linkSource === id) setLinkSource(null)
        setNotice({ kind: 'info', text: t('notices.deleted'), undo: true })
      }
    },
    move: moveCard,
    startLink: (id) => {
      if (activeLinkSource === id) {
        setLinkSource(null)
        return
      }
      setLinkSource(id)
      const lane = byId.get(id)?.lane
      // On a phone, show the lane the partner is most likely in.
      if (lane === 'challenge' || lane === 'action') setPhoneLane('solution')
    },
    linkTo: (id) => {
      if (!activeLinkSource) return
      const plan = planLink(cards, connectors, activeLinkSource, id, context())
      if ('error' in plan) {
        setNotice({ kind: 'error', text: t(`linkMode.reasons.${plan.error}`), undo: false })
        return
      }
      if (apply(plan)) {
        const source = activeLinkSource
        setLinkSource(null)
        setNotice({ kind: 'info', text: t('notices.linked'), undo: true })
        pendingFocus.current = { id: source, element: null }
        if (narrow) setPhoneLane(byId.get(source)?.lane ?? 'challenge')
      }
    },
    unlink: (id, otherId) => {
      if (apply(planUnlink(connectors, id, otherId))) setNotice({ kind: 'info', text: t('notices.unlinked'), undo: true })
    },
    showCard,
    hover: (id) => setHovered(id),
    dragStart: (id, event) => {
      if (byId.has(id)) dragStart(id, event)
    },
  }


  // Ctrl+Z / Ctrl+Shift+Z anywhere on the page while this board is shown, except in a text field,
  // where the browser's own undo of the typing comes first.
  const canUndo = access.canEdit
  useEffect(() => {
    if (!canUndo) return
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented) return
      const target = e.target as HTMLElement | null
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return
      const key = e.key.toLowerCase()
      if (key !== 'z' && key !== 'y') return
      e.preventDefault()
      if (key === 'y' || e.shiftKey) store.redo()
      else store.undo()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [canUndo, store])

  // Keep focus with the card that moved (it may have a new element in another lane), or on the
  // card a link list pointed at.
  useLayoutEffect(() => {
    const pending = pendingFocus.current
    if (!pending) return
    const el = cardElements.get(pending.id)
    if (!el) return
    pendingFocus.current = null
    if (pending.element && pending.element.isConnected && el.contains(pending.element)) {
      if (document.activeElement !== pending.element) (pending.element as HTMLElement).focus()
    } else {
      el.querySelector<HTMLElement>('.csa-card__handle')?.focus()
      el.scrollIntoView({ block: 'nearest', behavior: matchesMedia(REDUCED_MOTION) ? 'auto' : 'smooth' })
    }
  })

  useEffect(() => {
    if (notice?.kind !== 'info') return
    const timer = window.setTimeout(() => setNotice(null), 10_000)
    return () => window.clearTimeout(timer)
  }, [notice])

  const registerCard = useRef(new Map<string, (el: HTMLLIElement | null) => void>()).current
  const cardRef = (id: string) => {
    let fn = registerCard.get(id)
    if (!fn) {
      fn = (el) => {
        if (el) cardElements.set(id, el)
        else cardElements.delete(id)
      }
      registerCard.set(id, fn)
    }
    return fn
  }

  const visibleLanes = narrow ? [phoneLane] : laneOrder

  return (
    <div
      className={`csa${narrow ? ' csa--narrow' : ''}${activeLinkSource ? ' csa--linking' : ''}`}
      data-testid="challenge-board"
      aria-label={t('boardLabel')}
      role="region"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && activeLinkSource) {
          setLinkSource(null)
          pendingFocus.current = { id: activeLinkSource, element: null }
          return
        }
      }}
    >
      <ChallengeToolbar
        boardId={board.id}
        showLegend={view === 'lanes' && !narrow}
        filterOpen={filterOpen}
        filterActive={filterActive}
        filterCount={filterCount}
        onToggleFilter={() => setFilterOpen((open) => !open)}
      />

      {filterOpen ? (
        <div className="csa-filter" id={`tag-filter-${board.id}`} role="region" aria-label={t('filter.region')}>
          <TagFilterBar value={filter} onChange={setFilter} count={filterCount} />
        </div>
      ) : null}

      <NoticeBar
        notice={notice}
        onUndo={() => {
          store.undo()
          setNotice(null)
        }}
        onDismiss={() => setNotice(null)}
      />

      {activeLinkSource ? (
        <div className="csa-link-banner" data-testid="link-banner">
          <span>{t('linkMode.banner', { text: textOf(activeLinkSource) })}</span>
          <button type="button" className="button" onClick={() => setLinkSource(null)}>
            {t('linkMode.cancel')}
          </button>
        </div>
      ) : null}

      <OwnerSuggestions id={suggestionsId} names={ownerNames} />

      {view === 'actions' ? (
        <div className="csa-list-wrap">
          <fieldset className="csa-fieldset" disabled={!access.canEdit}>
            <ActionList cards={cards} connectors={connectors} filter={filter} today={today} suggestionsId={suggestionsId} onChange={actions.setFields} />
          </fieldset>
        </div>
      ) : (
        <>
          {narrow ? (
            <div className="csa-segmented csa-lane-switcher" role="group" aria-label={t('laneSwitcher')}>
              {laneOrder.map((lane) => (
                <button key={lane} type="button" aria-pressed={phoneLane === lane} className="csa-segmented__option" onClick={() => setPhoneLane(lane)} data-testid={`lane-tab-${lane}`}>
                  {t(`lanes.${lane}.name`)} <span className="csa-count">{byLane[lane].length}</span>
                </button>
              ))}
            </div>
          ) : null}
          <div className="csa-lanes" ref={lanesRef}>
            {!narrow ? (
              <ConnectorOverlay containerRef={lanesRef} cardElements={cardElements} connectors={connectors} chain={chain} filteredOut={filteredOut} cards={cards} drag={drag} />
            ) : null}
            {visibleLanes.map((lane) => (
              <section
                key={lane}
                className={`csa-lane csa-lane--${lane}`}
                aria-labelledby={`lane-${board.id}-${lane}`}
                data-testid={`lane-${lane}`}
                ref={(el) => {
                  if (el) laneElements.current.set(lane, el)
                  else laneElements.current.delete(lane)
                }}
              >
                <h2 className="csa-lane__question" id={`lane-${board.id}-${lane}`}>
                  <span className="csa-lane__name">{t(`lanes.${lane}.name`)}</span>
                  {t(`lanes.${lane}.question`)}
                </h2>
                <ol className="csa-lane__cards">
                  {renderCards(lane)}
                </ol>
                {access.canCreate ? (
                  <AddCardForm lane={lane} onAdd={(text) => apply(planAddCard(cards, lane, text, context()))} />
                ) : access.limit === 'private' ? (
                  <PrivateAddHint lane={lane} privateLane={laneFor(access.privateLane ?? '')} onWrite={() => sessionBus(store).requestComposer()} />
                ) : null}
              </section>
            ))}
          </div>
        </>
      )}
    </div>
  )

  /** The vote buttons and counts for one card, or null when the vote (if any) is not about it. */
  function cardVote(card: CardRecord): CardVote | null {
    const view = voting.view
    if (!view || !voting.isEligible(card)) return null
    const total = view.totals ? (view.totals[card.id] ?? 0) : null
    if (!view.open && !total) return null
    return {
      mine: voting.canVote ? (view.mine[card.id] ?? 0) : null,
      total,
      left: view.left,
      blocked: voting.canVote ? voting.castBlocked(card.id) : null,
      onCast: () => void voting.cast(card.id),
      onRetract: () => void voting.retract(card.id),
    }
  }

  function renderCards(lane: CardLane) {
    const list = byLane[lane]
    const out: ReactNode[] = []
    const indicator = <li key="drop" className="csa-drop" aria-hidden="true" />
    let position = 0
    for (const [index, card] of list.entries()) {
      if (drag && drag.lane === lane && card.id !== drag.id && position === drag.index) out.push(indicator)
      if (card.id !== drag?.id) position++
      const links = linksOf(card.id, connectors).map((link) => ({ link, text: textOf(link.otherId) }))
      let linkTarget: LinkTargetState = null
      if (activeLinkSource && activeLinkSource !== card.id) {
        const check = checkLink(cards, connectors, activeLinkSource, card.id)
        linkTarget = check.ok ? { ok: true } : { ok: false, reason: check.reason }
      }
      out.push(
        <CardView
          key={card.id}
          card={card}
          index={index}
          count={list.length}
          links={links}
          linkTarget={linkTarget}
          isLinkSource={activeLinkSource === card.id}
          highlight={chain ? (chain.has(card.id) ? 'chain' : 'dim') : null}
          filteredOut={filteredOut.has(card.id)}
          drag={drag?.id === card.id ? { dx: drag.dx, dy: drag.dy } : null}
          today={today}
          suggestionsId={suggestionsId}
          moveTargets={laneOrder.filter((l) => l !== lane).map((l) => ({ lane: l, breaks: linksBrokenByMove(cards, connectors, card.id, l).length }))}
          editable={access.canEdit}
          vote={cardVote(card)}
          actions={actions}
          registerElement={cardRef(card.id)}
        />,
      )
    }
    if (drag && drag.lane === lane && position === drag.index && !out.includes(indicator)) out.push(indicator)
    return out
  }
}
