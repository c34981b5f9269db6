import type Konva from 'konva'
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { orderAtEnd, planReorder, sortByOrder } from '../../../../shared/logic/boardOrder'
import { boardToScreen, boundsOf, type Camera, type Point } from '../../../../shared/logic/geometry'
import { countMatching, emptyTagFilter, isTagFilterActive, matchesTagFilter, type TagFilter } from '../../../../shared/logic/tags'
import {
  gridPosition,
  gridQuadrant,
  gridRatingsAt,
  layoutZones,
  newStakeholder,
  placeInZone,
  planCardDrop,
  planGroupChange,
  planRemoveGroup,
  resolveMapPositions,
  sortForPlan,
  zoneAt,
  zoneMetrics,
} from '../../../../shared/logic/stakeholderMap'
import { STAKEHOLDER_CARD_SIZE, type StakeholderRecord } from '../../../../shared/schema/records/stakeholder'
import type { StakeholderGroupRecord } from '../../../../shared/schema/records/stakeholderGroup'
import { useBoardAccess } from '../../session/BoardAccessContext'
import { useItemsOfKind, usePeers, useUndoState } from '../../store/hooks'
import { TagFilterBar } from '../../tags/TagFilterBar'
import type { BoardProps } from '../BoardProps'
import { useCommitPlan } from '../useCommitPlan'
import { useTabMemory } from '../useTabMemory'
import { CommunicationPlanTable } from './CommunicationPlanTable'
import { GridView } from './GridView'
import { GroupManager, type GroupRow } from './GroupManager'
import { groupLabel, groupStyle } from './groupStyle'
import { MapView, type ZoneView } from './MapView'
import type { CardHandlers, CardView } from './StakeholderCardNode'
import type { StakeholderMapTestHook, StakeholderMapView } from './stakeholderMapTestHook'
import { StakeholderPanel } from './StakeholderPanel'
import './stakeholderMap.css'

const views: readonly StakeholderMapView[] = ['map', 'grid', 'plan']
const CURSOR_SEND_MS = 50

type Panel = { kind: 'stakeholder'; id: string; focusName: boolean } | { kind: 'groups' } | null
type Message = { kind: 'error'; text: string } | { kind: 'deleted'; name: string } | null

/**
 * The stakeholder map (interessentkart): the same stakeholder records as zones on a map, as an
 * influence/interest grid and as a communication-plan table. Session state (view, selection,
 * camera) stays here; every edit is one plan, one transaction, one undo step.
 */
export function StakeholderMapBoard({ store, board }: BoardProps) {
  const { t } = useTranslation('stakeholderMap')
  const rawGroups = useItemsOfKind(store, board.id, 'stakeholderGroup')
  const stakeholders = useItemsOfKind(store, board.id, 'stakeholder')
  const undoState = useUndoState(store)
  const peers = usePeers(store)
  // Observers and a locked board: the map, grid and plan to read; nothing to add, drag or change.
  const { canEdit } = useBoardAccess()

  // The chosen view is session state: per tab and in the URL hash, so a reload or a shared link opens the same view.
  const [view, setView] = useTabMemory(`samskap.stakeholderMap.view:${board.id}`, views, { hash: 'view' })
  const [panel, setPanel] = useState<Panel>(null)
  const [message, setMessage] = useState<Message>(null)
  const [focusRowId, setFocusRowId] = useState<string | null>(null)
  // Session state: each person filters for themselves.
  const [filter, setFilter] = useState<TagFilter>(emptyTagFilter)
  const [filterOpen, setFilterOpen] = useState(false)
  const filterActive = isTagFilterActive(filter)

  // ---- derived layout ----------------------------------------------------------------------------
  const groups = useMemo(() => sortByOrder(rawGroups), [rawGroups])
  const groupById = useMemo(() => new Map(groups.map((g) => [g.id, g])), [groups])
  const labelOf = useCallback((groupId: string) => groupLabel(groupById.get(groupId), t), [groupById, t])
  const groupOptions = useMemo(() => groups.map((g) => ({ id: g.id, label: groupLabel(g, t) })), [groups, t])

  const zones = useMemo(() => {
    const counts = new Map<string, number>()
    for (const s of stakeholders) if (s.groupId) counts.set(s.groupId, (counts.get(s.groupId) ?? 0) + 1)
    return layoutZones(groups, { cardCounts: counts })
  }, [groups, stakeholders])
  const positions = useMemo(() => resolveMapPositions(stakeholders, zones), [stakeholders, zones])
  const grid = useMemo(() => gridPosition(stakeholders), [stakeholders])

  const zoneViews = useMemo<ZoneView[]>(
    () =>
      zones.map((zone) => {
        const group = groupById.get(zone.groupId)
        return { ...zone, ...groupStyle(group), label: groupLabel(group, t), count: stakeholders.filter((s) => s.groupId === zone.groupId).length }
      }),
    [zones, groupById, stakeholders, t],
  )

  const selectedId = panel?.kind === 'stakeholder' ? panel.id : null
  const cardViews = useCallback(
    (place: (s: StakeholderRecord) => Point | undefined): CardView[] =>
      stakeholders.map((s) => {
        const group = groupById.get(s.groupId)
        const p = place(s) ?? { x: s.x, y: s.y }
        return {
          id: s.id,
          x: p.x,
          y: p.y,
          name: s.name || t('unnamed'),
          groupName: groupLabel(group, t),
          ...groupStyle(group),
          contact: s.contactPerson || t('card.noContact'),
          influenceText: t('card.influence', { value: s.influence }),
          interestText: t('card.interest', { value: s.interest }),
          selected: s.id === selectedId,
          sdgs: s.sdgs,
          dimmed: !matchesTagFilter(s, filter),
        }
      }),
    [stakeholders, groupById, selectedId, filter, t],
  )
  const mapCards = useMemo(() => cardViews((s) => positions.get(s.id)), [cardViews, positions])
  const gridCards = useMemo(() => cardViews((s) => grid.positions.get(s.id)), [cardViews, grid])
  const mapBounds = useMemo(
    () => boundsOf([...zones, ...[...positions.values()].map((p) => ({ ...p, ...STAKEHOLDER_CARD_SIZE }))]),
    [zones, positions],
  )
  const planRows = useMemo(() => sortForPlan(stakeholders, groups), [stakeholders, groups])
  const shownPlanRows = useMemo(() => planRows.filter((s) => matchesTagFilter(s, filter)), [planRows, filter])
  const filterCount = useMemo(() => countMatching(stakeholders, filter), [stakeholders, filter])

  // Latest values for handlers created once (memoised cards keep stable props).
  const latest = useRef({ zones, positions, grid, stakeholders })
  useLayoutEffect(() => {
    latest.current = { zones, positions, grid, stakeholders }
  })

  // ---- edits -------------------------------------------------------------------------------------
  const commit = useCommitPlan(store, (error) => setMessage({ kind: 'error', text: t('errors.rejected', { message: error.message }) }))

  const patchStakeholder = useCallback(
    (id: string, patch: Partial<StakeholderRecord>) => commit({ updateItems: [{ id, patch }] }),
    [commit],
  )

  const changeGroup = useCallback(
    (id: string, groupId: string) => {
      const { zones: z, positions: p } = latest.current
      commit({ updateItems: [{ id, patch: planGroupChange(id, groupId, z, p) }] })
    },
    [commit],
  )

  /** Adds a stakeholder: at `at` (a double-click), else into `groupId`'s zone, else below the zones. */
  const addStakeholder = useCallback(
    (options: { at?: Point; groupId?: string } = {}) => {
      const { zones: z, positions: p } = latest.current
      const size = STAKEHOLDER_CARD_SIZE
      let groupId = options.groupId ?? ''
      let topLeft: Point
      if (options.at) {
        topLeft = { x: options.at.x - size.w / 2, y: options.at.y - size.h / 2 }
        groupId = zoneAt(options.at, z)
      } else {
        const zone = z.find((zz) => zz.groupId === groupId)
        const inZone = [...p.values()].filter((q) => zoneAt({ x: q.x + size.w / 2, y: q.y + size.h / 2 }, z) === (zone ? groupId : ''))
        const bottom = z.reduce((max, zz) => Math.max(max, zz.y + zz.h), 0)
        const tray = { x: -zoneMetrics.padding, y: bottom + zoneMetrics.margin - zoneMetrics.header, w: 0, h: 0 }
        topLeft = placeInZone(zone ?? tray, zone ? inZone : inZone.filter((q) => q.y >= bottom))
      }
      const record = newStakeholder({ id: store.newId(), boardId: board.id, groupId, name: t('newStakeholderName'), ...topLeft, now: Date.now() })
      if (commit({ createItems: [record] })) {
        setPanel({ kind: 'stakeholder', id: record.id, focusName: true })
        return record.id
      }
      return null
    },
    [board.id, commit, store, t],
  )

  const deleteStakeholder = useCallback(
    (id: string) => {
      const record = latest.current.stakeholders.find((s) => s.id === id)
      if (!record || !commit({ deleteItems: [id] })) return
      setPanel(null)
      setMessage({ kind: 'deleted', name: record.name || t('unnamed') })
    },
    [commit, t],
  )

  // ---- groups ------------------------------------------------------------------------------------
  const groupRows = useMemo<GroupRow[]>(
    () =>
      groups.map((g) => ({
        id: g.id,
        name: g.name,
        label: groupLabel(g, t),
        edge: groupStyle(g).edge,
        count: stakeholders.filter((s) => s.groupId === g.id).length,
      })),
    [groups, stakeholders, t],
  )
  const addGroup = () => {
    const group: StakeholderGroupRecord = {
      id: store.newId(),
      kind: 'stakeholderGroup',
      boardId: board.id,
      name: t('groups.newName'),
      preset: '',
      order: orderAtEnd(groups),
      createdAt: Date.now(),
    }
    commit({ createItems: [group] })
  }
  const moveGroup = (id: string, toIndex: number) => {
    const order = planReorder(groups, id, toIndex)
    if (order !== null) commit({ updateItems: [{ id, patch: { order } }] })
  }

  // ---- dragging cards ----------------------------------------------------------------------------
  const mapHandlers = useMemo<CardHandlers>(
    () => ({
      editable: canEdit,
      select: (id) => setPanel((p) => (p?.kind === 'stakeholder' && p.id === id ? p : { kind: 'stakeholder', id, focusName: false })),
      dragEnd: (id: string, node: Konva.Node) => {
        const patch = planCardDrop(node.position(), latest.current.zones)
        node.position({ x: patch.x, y: patch.y })
        commit({ updateItems: [{ id, patch }] })
      },
    }),
    [canEdit, commit],
  )
  const gridHandlers = useMemo<CardHandlers>(
    () => ({
      editable: canEdit,
      select: mapHandlers.select,
      dragEnd: (id: string, node: Konva.Node) => {
        const { grid: layout, stakeholders: all } = latest.current
        const record = all.find((s) => s.id === id)
        const ratings = gridRatingsAt({ x: node.x() + STAKEHOLDER_CARD_SIZE.w / 2, y: node.y() + STAKEHOLDER_CARD_SIZE.h / 2 }, layout)
        // Back to its slot; if the ratings changed the new layout moves it to its new cell.
        const home = layout.positions.get(id)
        if (home) node.position(home)
        if (record && (record.influence !== ratings.influence || record.interest !== ratings.interest)) commit({ updateItems: [{ id, patch: ratings }] })
      },
    }),
    [canEdit, commit, mapHandlers],
  )

  // ---- presence: own cursor on the map -----------------------------------------------------------
  const cursorTimer = useRef<number | null>(null)
  const pendingCursor = useRef<Point | null>(null)
  const sendCursor = useCallback(
    (point: Point | null) => {
      pendingCursor.current = point
      if (point === null) {
        store.setCursor(null)
        return
      }
      if (cursorTimer.current !== null) return
      cursorTimer.current = window.setTimeout(() => {
        cursorTimer.current = null
        const p = pendingCursor.current
        if (p) store.setCursor({ boardId: board.id, x: Math.round(p.x), y: Math.round(p.y) })
      }, CURSOR_SEND_MS)
    },
    [board.id, store],
  )
  useEffect(
    () => () => {
      if (cursorTimer.current !== null) window.clearTimeout(cursorTimer.current)
      store.setCursor(null)
    },
    [store],
  )
  useEffect(() => {
    if (view !== 'map') store.setCursor(null)
  }, [store, view])

  // ---- keyboard undo/redo (not while typing: inputs have their own) --------------------------------
  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement
    if (target.closest('input, select, textarea') || !canEdit) return
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      e.preventDefault()
      if (e.shiftKey) store.redo()
      else store.undo()
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y') {
      e.preventDefault()
      store.redo()
    }
  }

  // ---- test hook ---------------------------------------------------------------------------------
  const cameraRef = useRef<Camera>({ x: 0, y: 0, scale: 1 })
  const containerRef = useRef<HTMLDivElement | null>(null)
  const hookState = useRef({ view, zoneViews, mapCards, gridCards, stakeholders, peers, labelOf, filter })
  useLayoutEffect(() => {
    hookState.current = { view, zoneViews, mapCards, gridCards, stakeholders, peers, labelOf, filter }
  })
  useEffect(() => {
    const toScreen = (r: { x: number; y: number; w: number; h: number }) => {
      const box = containerRef.current?.getBoundingClientRect()
      if (!box) return null
      const cam = cameraRef.current
      const p = boardToScreen(cam, r)
      return { x: box.left + p.x, y: box.top + p.y, w: r.w * cam.scale, h: r.h * cam.scale }
    }
    const hook: StakeholderMapTestHook = {
      boardId: board.id,
      getView: () => hookState.current.view,
      getZones: () => hookState.current.zoneViews.map((z) => ({ groupId: z.groupId, label: z.label, screenRect: hookState.current.view === 'map' ? toScreen(z) : null })),
      getStakeholders: () =>
        hookState.current.stakeholders.map((s) => ({
          id: s.id,
          name: s.name,
          groupId: s.groupId,
          groupLabel: hookState.current.labelOf(s.groupId),
          influence: s.influence,
          interest: s.interest,
          channel: s.channel,
          quadrant: gridQuadrant(s.influence, s.interest),
          sdgs: [...s.sdgs],
          dimension: s.dimension,
          filteredOut: !matchesTagFilter(s, hookState.current.filter),
        })),
      cardScreenRect: (id) => {
        const s = hookState.current
        const cards = s.view === 'map' ? s.mapCards : s.view === 'grid' ? s.gridCards : []
        const card = cards.find((c) => c.id === id)
        return card ? toScreen({ x: card.x, y: card.y, ...STAKEHOLDER_CARD_SIZE }) : null
      },
      getPeerCursors: () => hookState.current.peers.filter((p) => p.cursor?.boardId === board.id).map((p) => p.name),
    }
    window.__samskapStakeholderMap = hook
    return () => {
      if (window.__samskapStakeholderMap === hook) delete window.__samskapStakeholderMap
    }
  }, [board.id])

  // ---- render ------------------------------------------------------------------------------------
  const selected = panel?.kind === 'stakeholder' ? stakeholders.find((s) => s.id === panel.id) : undefined
  const panelOpen = panel?.kind === 'groups' || selected !== undefined

  return (
    <div className="sm-board" data-testid="stakeholder-map" onKeyDown={onKeyDown}>
      <div className="sm-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
        <div className="sm-views" role="group" aria-label={t('layout.label')}>
          {views.map((v) => (
            <button key={v} type="button" className="sm-views__option" aria-pressed={view === v} onClick={() => setView(v)}>
              {wrapAfterSlash(t(`layout.${v}`))}
            </button>
          ))}
        </div>
        <div className="sm-toolbar__actions">
          {canEdit && (
            <>
              <button type="button" className="sm-button sm-button--primary" onClick={() => addStakeholder()}>
                <span aria-hidden="true">+</span> {t('toolbar.addStakeholder')}
              </button>
              <button type="button" className="sm-button" aria-pressed={panel?.kind === 'groups'} onClick={() => setPanel((p) => (p?.kind === 'groups' ? null : { kind: 'groups' }))}>
                {t('toolbar.groups')}
              </button>
            </>
          )}
          <button
            type="button"
            className={`sm-button${filterActive ? ' sm-button--active' : ''}`}
            aria-expanded={filterOpen}
            aria-controls={`sm-filter-${board.id}`}
            onClick={() => setFilterOpen((open) => !open)}
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
      </div>
      {filterOpen ? (
        <div className="sm-filter" id={`sm-filter-${board.id}`} role="region" aria-label={t('filter.region')}>
          <TagFilterBar value={filter} onChange={setFilter} count={view === 'plan' ? { shown: shownPlanRows.length, total: planRows.length } : filterCount} />
        </div>
      ) : filterActive ? (
        <p className="sm-filter-summary" role="status">
          {t('filter.summary', { shown: filterCount.shown, total: filterCount.total })}
        </p>
      ) : null}
      {message && (
        <div className={`sm-message ${message.kind === 'error' ? 'sm-message--error' : ''}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          <span>{message.kind === 'error' ? message.text : t('deleted', { name: message.name })}</span>
          {message.kind === 'deleted' && (
            <button
              type="button"
              className="sm-button"
              onClick={() => {
                store.undo()
                setMessage(null)
              }}
            >
              {t('undo')}
            </button>
          )}
          <button type="button" className="sm-button sm-button--quiet" onClick={() => setMessage(null)} aria-label={t('dismiss')}>
            ✕
          </button>
        </div>
      )}
      <div className={`sm-body ${panelOpen ? 'sm-body--panel' : ''}`}>
        <div className="sm-main">
          {view === 'map' && (
            <MapView
              store={store}
              boardId={board.id}
              zones={zoneViews}
              cards={mapCards}
              contentBounds={mapBounds}
              handlers={mapHandlers}
              onDoubleClickBoard={canEdit ? (at) => addStakeholder({ at }) : undefined}
              onPointerBoard={sendCursor}
              cameraRef={cameraRef}
              containerRef={containerRef}
            />
          )}
          {view === 'grid' && <GridView layout={grid} cards={gridCards} handlers={gridHandlers} cameraRef={cameraRef} containerRef={containerRef} />}
          {view === 'plan' && (
            <CommunicationPlanTable
              rows={shownPlanRows}
              hiddenByFilter={planRows.length - shownPlanRows.length}
              groups={groupOptions}
              focusId={focusRowId}
              readOnly={!canEdit}
              onPatch={patchStakeholder}
              onGroup={changeGroup}
              onAddRow={() => {
                const id = addStakeholder()
                setPanel(null)
                setFocusRowId(id)
              }}
            />
          )}
        </div>
        {panel?.kind === 'groups' && canEdit && (
          <GroupManager
            groups={groupRows}
            onRename={(id, name) => commit({ updateItems: [{ id, patch: { name } }] })}
            onMove={moveGroup}
            onRemove={(id) => commit(planRemoveGroup(id, stakeholders))}
            onAdd={addGroup}
            onClose={() => setPanel(null)}
          />
        )}
        {selected && (
          <StakeholderPanel
            key={selected.id}
            stakeholder={selected}
            groups={groupOptions}
            focusName={panel?.kind === 'stakeholder' && panel.focusName}
            readOnly={!canEdit}
            onPatch={(patch) => patchStakeholder(selected.id, patch)}
            onGroup={(groupId) => changeGroup(selected.id, groupId)}
            onDelete={() => deleteStakeholder(selected.id)}
            onClose={() => setPanel(null)}
          />
        )}
      </div>
    </div>
  )
}

/** Lets "Påvirkning/interesse" break after the slash on a phone without changing its accessible name. */
function wrapAfterSlash(label: string) {
  const parts = label.split('/')
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && (
        <>
          /<wbr />
        </>
      )}
    </Fragment>
  ))
}
