import type Konva from 'konva'
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { orderAtEnd, planReorder } from '../../../../shared/logic/boardOrder'
import type { Point } from '../../../../shared/logic/geometry'
import { gridRatingsAt, newStakeholder, planCardDrop, planCardPlace, planGroupChange, planRemoveGroup, sortForPlan } from '../../../../shared/logic/stakeholderMap'
import { countMatching, emptyTagFilter, isTagFilterActive, matchesTagFilter, type TagFilter } from '../../../../shared/logic/tags'
import { STAKEHOLDER_CARD_SIZE, type StakeholderRecord } from '../../../../shared/schema/records/stakeholder'
import type { StakeholderGroupRecord } from '../../../../shared/schema/records/stakeholderGroup'
import { useBoardAccess } from '../../session/BoardAccessContext'
import { useItemFocus } from '../../lib/itemFocus'
import { useRoute } from '../../lib/navigation'
import { signedIn, useSession } from '../../staff/sessionClient'
import { useItemsOfKind } from '../../store/hooks'
import { TagFilterBar } from '../../tags/TagFilterBar'
import type { BoardProps } from '../BoardProps'
import { useCommitPlan } from '../../store/useCommitPlan'
import { CommunicationPlanTable } from './CommunicationPlanTable'
import { GridView } from './GridView'
import { GroupManager, type GroupRow } from './GroupManager'
import { groupLabel, groupStyle } from './groupStyle'
import { layoutMap, mapBounds, placeNewStakeholder } from './mapLayout'
import { MapMessage, MapToolbar, type MapMessageValue } from './MapToolbar'
import { MapView, type ZoneView } from './MapView'
import type { PanZoomView, Placement } from './PanZoomStage'
import { uncoveredHeight } from './sheetOverlap'
import type { StakeholderMapView } from './stakeholderMapTestHook'
import type { CardHandlers, CardView } from './StakeholderCardNode'
import { StakeholderPanel } from './StakeholderPanel'
import { TakeOverDialog } from './TakeOverDialog'
import { useStakeholderMapTestHook } from './useStakeholderMapTestHook'
import './stakeholderMap.css'
import './groupsAndPlan.css'

type Panel = { kind: 'stakeholder'; id: string; focusName: boolean } | { kind: 'groups' } | null

/**
 * The stakeholder map (interessentkart): the same stakeholder records as zones on a map, as an
 * influence/interest grid and as a communication-plan table. Session state (selection, filter;
 * the camera in PanZoomStage) stays here, the view is BoardView's; every edit is one plan, one transaction, one
 * undo step.
 */
export function StakeholderMapBoard({ store, board, view }: BoardProps & { view: StakeholderMapView }) {
  const { t } = useTranslation('stakeholderMap')
  const rawGroups = useItemsOfKind(store, board.id, 'stakeholderGroup')
  const stakeholders = useItemsOfKind(store, board.id, 'stakeholder')
  // Observers and a locked board: the map, grid and plan to read; nothing to add, drag or change.
  const { canEdit } = useBoardAccess()

  // The view (map, grid, plan) is chosen in the board's switch (BoardView, useBoardFace): per tab and in the URL hash.
  const [panel, setPanel] = useState<Panel>(null)
  const [message, setMessage] = useState<MapMessageValue>(null)
  const [focusRowId, setFocusRowId] = useState<string | null>(null)
  // Session state: each person filters for themselves.
  const [filter, setFilter] = useState<TagFilter>(emptyTagFilter)
  const [filterOpen, setFilterOpen] = useState(false)
  const filterActive = isTagFilterActive(filter)
  const viewRef = useRef<PanZoomView>(null)
  const route = useRoute()
  const workshopId = route.page === 'workshop' ? route.workshopId : null
  // Taking over from the stakeholder register is for signed-in staff: the entry is hidden otherwise.
  const staff = signedIn(useSession())
  const [takeOverOpen, setTakeOverOpen] = useState(false)
  useStakeholderMapTestHook({ store, boardId: board.id, view, filter, viewRef })

  // ---- derived layout ----------------------------------------------------------------------------
  const layout = useMemo(() => layoutMap(stakeholders, rawGroups), [stakeholders, rawGroups])
  const { groups, zones, positions, grid } = layout
  /** The layout as the document is now, for handlers: they run after renders the memo has not seen. */
  const currentLayout = useCallback(() => layoutMap(store.getItemsOfKind(board.id, 'stakeholder'), store.getItemsOfKind(board.id, 'stakeholderGroup')), [store, board.id])
  const groupById = useMemo(() => new Map(groups.map((g) => [g.id, g])), [groups])
  const groupOptions = useMemo(() => groups.map((g) => ({ id: g.id, label: groupLabel(g, t) })), [groups, t])

  const zoneViews = useMemo<ZoneView[]>(
    () =>
      zones.map((zone) => {
        const group = groupById.get(zone.groupId)
        return { ...zone, ...groupStyle(group), label: groupLabel(group, t), count: stakeholders.filter((s) => s.groupId === zone.groupId).length }
      }),
    [zones, groupById, stakeholders, t],
  )

  // A link to a stakeholder (`&item=`, lib/itemFocus.ts: the knowledge bank's results): its panel
  // opens and its card is marked as selected; on the map it is brought into view, in the plan its row.
  const focusLinked = useCallback(
    (id: string) => {
      if (!store.getItemsOfKind(board.id, 'stakeholder').some((s) => s.id === id)) return false
      if (view === 'map') {
        const at = currentLayout().positions.get(id)
        if (!at || !viewRef.current?.reveal({ ...at, ...STAKEHOLDER_CARD_SIZE })) return false
        revealAboveSheet.current = id
      }
      if (view === 'plan') setFocusRowId(id)
      setPanel({ kind: 'stakeholder', id, focusName: false })
      return true
    },
    [store, board.id, view, currentLayout],
  )
  useItemFocus(store, board.id, focusLinked)
  // On a phone the panel that opens for the linked card is a bottom sheet over the map: once it is
  // drawn, the card is brought into the part of the map the sheet leaves uncovered.
  const bodyRef = useRef<HTMLDivElement>(null)
  const revealAboveSheet = useRef<string | null>(null)
  const panelId = panel?.kind === 'stakeholder' ? panel.id : null
  useLayoutEffect(() => {
    const id = revealAboveSheet.current
    if (id === null || id !== panelId) return
    revealAboveSheet.current = null
    const main = bodyRef.current?.querySelector('.sm-main')
    const sheet = bodyRef.current?.querySelector('.sm-panel')
    const at = currentLayout().positions.get(id)
    if (!main || !sheet || !at) return
    const uncovered = uncoveredHeight(main.getBoundingClientRect(), sheet.getBoundingClientRect())
    if (uncovered !== null) viewRef.current?.reveal({ ...at, ...STAKEHOLDER_CARD_SIZE }, uncovered)
  }, [panelId, currentLayout])

  const selectedId = panel?.kind === 'stakeholder' ? panel.id : null
  const cardViews = useCallback(
    (place: (s: StakeholderRecord) => Point | undefined, detail: 'contact' | 'group'): CardView[] =>
      stakeholders.map((s) => {
        const group = groupById.get(s.groupId)
        const p = place(s) ?? { x: s.x, y: s.y }
        return {
          id: s.id,
          x: p.x,
          y: p.y,
          name: s.name || t('unnamed'),
          detail: detail === 'group' ? groupLabel(group, t) : s.contactPerson || t('card.noContact'),
          edge: groupStyle(group).edge,
          influenceText: t('card.influence', { value: s.influence }),
          interestText: t('card.interest', { value: s.interest }),
          selected: s.id === selectedId,
          sdgs: s.sdgs,
          dimmed: !matchesTagFilter(s, filter),
        }
      }),
    [stakeholders, groupById, selectedId, filter, t],
  )
  // On the map the zone names the group, so a card names its contact; on the grid nothing else names the group.
  const mapCards = useMemo(() => cardViews((s) => positions.get(s.id), 'contact'), [cardViews, positions])
  const gridCards = useMemo(() => cardViews((s) => grid.positions.get(s.id), 'group'), [cardViews, grid])
  const contentBounds = useMemo(() => mapBounds(layout), [layout])
  const planRows = useMemo(() => sortForPlan(stakeholders, groups), [stakeholders, groups])
  const shownPlanRows = useMemo(() => planRows.filter((s) => matchesTagFilter(s, filter)), [planRows, filter])
  const filterCount = useMemo(() => countMatching(stakeholders, filter), [stakeholders, filter])

  // ---- edits -------------------------------------------------------------------------------------
  const commit = useCommitPlan(store, (error) => setMessage({ kind: 'error', text: t('errors.rejected', { message: error.message }) }))

  const patchStakeholder = useCallback((id: string, patch: Partial<StakeholderRecord>) => commit({ updateItems: [{ id, patch }] }), [commit])

  const changeGroup = useCallback(
    (id: string, groupId: string) => {
      const now = currentLayout()
      commit({ updateItems: [{ id, patch: planGroupChange(id, groupId, now.zones, now.positions) }] })
    },
    [commit, currentLayout],
  )

  /** Adds a stakeholder: at `at` (a double-click), else into `groupId`'s zone, else below the zones. */
  const addStakeholder = useCallback(
    (options: { at?: Point; groupId?: string } = {}) => {
      const { topLeft, groupId } = placeNewStakeholder(currentLayout(), options)
      const record = newStakeholder({ id: store.newId(), boardId: board.id, groupId, name: t('newStakeholderName'), ...topLeft, now: Date.now() })
      if (!commit({ createItems: [record] })) return null
      setPanel({ kind: 'stakeholder', id: record.id, focusName: true })
      return record.id
    },
    [board.id, commit, currentLayout, store, t],
  )
  const addAt = useCallback((at: Point) => void addStakeholder({ at }), [addStakeholder])

  const deleteStakeholder = useCallback(
    (id: string) => {
      const record = store.getItemsOfKind(board.id, 'stakeholder').find((s) => s.id === id)
      if (!record || !commit({ deleteItems: [id] })) return
      setPanel(null)
      setMessage({ kind: 'deleted', name: record.name || t('unnamed') })
    },
    [board.id, commit, store, t],
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
  const select = useCallback((id: string) => setPanel((p) => (p?.kind === 'stakeholder' && p.id === id ? p : { kind: 'stakeholder', id, focusName: false })), [])
  const mapHandlers = useMemo<CardHandlers>(
    () => ({
      editable: canEdit,
      select,
      dragEnd: (id: string, node: Konva.Node) => {
        const patch = planCardDrop(node.position(), currentLayout().zones)
        node.position({ x: patch.x, y: patch.y })
        commit({ updateItems: [{ id, patch }] })
      },
    }),
    [canEdit, commit, currentLayout, select],
  )
  const gridHandlers = useMemo<CardHandlers>(
    () => ({
      editable: canEdit,
      select,
      dragEnd: (id: string, node: Konva.Node) => {
        const now = currentLayout()
        const record = store.getItemsOfKind(board.id, 'stakeholder').find((s) => s.id === id)
        const ratings = gridRatingsAt({ x: node.x() + STAKEHOLDER_CARD_SIZE.w / 2, y: node.y() + STAKEHOLDER_CARD_SIZE.h / 2 }, now.grid)
        // Back to its slot; if the ratings changed the new layout moves it to its new cell.
        const home = now.grid.positions.get(id)
        if (home) node.position(home)
        if (record && (record.influence !== ratings.influence || record.interest !== ratings.interest)) commit({ updateItems: [{ id, patch: ratings }] })
      },
    }),
    [board.id, canEdit, commit, currentLayout, select, store],
  )

  // ---- Move, then a click: the pointer alternative to dragging a card (WCAG 2.5.7) ----------------
  const [placingId, setPlacingId] = useState<string | null>(null)
  const placeOnMap = useCallback(
    (id: string, at: Point) => {
      setPlacingId(null)
      // As a drop there: the zone under the card's centre is its group.
      commit({ updateItems: [{ id, patch: planCardPlace(at, currentLayout().zones) }] })
    },
    [commit, currentLayout],
  )
  const placeOnGrid = useCallback(
    (id: string, at: Point) => {
      setPlacingId(null)
      const record = store.getItemsOfKind(board.id, 'stakeholder').find((s) => s.id === id)
      const ratings = gridRatingsAt(at, currentLayout().grid)
      if (record && (record.influence !== ratings.influence || record.interest !== ratings.interest)) commit({ updateItems: [{ id, patch: ratings }] })
    },
    [board.id, commit, currentLayout, store],
  )

  // ---- keyboard undo/redo (not while typing: inputs have their own) --------------------------------
  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement
    if (e.key === 'Escape' && placingId !== null) {
      setPlacingId(null)
      return
    }
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

  // ---- render ------------------------------------------------------------------------------------
  const selected = panel?.kind === 'stakeholder' ? stakeholders.find((s) => s.id === panel.id) : undefined
  const panelOpen = panel?.kind === 'groups' || selected !== undefined
  // Placing belongs to the card in the panel, in a view with a stage.
  const placing = placingId !== null && selected?.id === placingId && view !== 'plan' ? placingId : null
  const mapPlacement: Placement = { placingId: placing, onPlace: placeOnMap }
  const gridPlacement: Placement = { placingId: placing, onPlace: placeOnGrid }

  return (
    <div className="sm-board" data-testid="stakeholder-map" onKeyDown={onKeyDown}>
      <MapToolbar
        store={store}
        boardId={board.id}
        canEdit={canEdit}
        groupsOpen={panel?.kind === 'groups'}
        filterOpen={filterOpen}
        filterActive={filterActive}
        onAdd={() => addStakeholder()}
        onToggleGroups={() => setPanel((p) => (p?.kind === 'groups' ? null : { kind: 'groups' }))}
        onToggleFilter={() => setFilterOpen((open) => !open)}
        onTakeOver={staff && workshopId ? () => setTakeOverOpen(true) : undefined}
      />
      {takeOverOpen && workshopId && (
        <TakeOverDialog
          store={store}
          board={board}
          workshopId={workshopId}
          commit={commit}
          onClose={() => setTakeOverOpen(false)}
          onDone={(count) => {
            setTakeOverOpen(false)
            setMessage({ kind: 'takenOver', count })
          }}
        />
      )}
      {filterOpen ? (
        <div className="sm-filter" id={`sm-filter-${board.id}`} role="region" aria-label={t('filter.region')}>
          <TagFilterBar value={filter} onChange={setFilter} count={view === 'plan' ? { shown: shownPlanRows.length, total: planRows.length } : filterCount} />
        </div>
      ) : filterActive ? (
        <p className="sm-filter-summary" role="status">
          {t('filter.summary', { shown: filterCount.shown, total: filterCount.total })}
        </p>
      ) : null}
      <MapMessage
        message={message}
        onUndo={() => {
          store.undo()
          setMessage(null)
        }}
        onDismiss={() => setMessage(null)}
      />
      <div className={`sm-body ${panelOpen ? 'sm-body--panel' : ''}`} ref={bodyRef}>
        <div className="sm-main">
          {view === 'map' && (
            <MapView
              store={store}
              boardId={board.id}
              zones={zoneViews}
              cards={mapCards}
              contentBounds={contentBounds}
              handlers={mapHandlers}
              onDoubleClickBoard={canEdit ? addAt : undefined}
              viewRef={viewRef}
              placement={mapPlacement}
            />
          )}
          {view === 'grid' && <GridView layout={grid} cards={gridCards} handlers={gridHandlers} viewRef={viewRef} placement={gridPlacement} />}
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
            placing={placing !== null}
            onMove={view === 'plan' ? undefined : () => setPlacingId(placing ? null : selected.id)}
            onClose={() => setPanel(null)}
            workshopId={workshopId}
          />
        )}
      </div>
    </div>
  )
}
