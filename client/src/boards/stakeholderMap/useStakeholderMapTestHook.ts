import type Konva from 'konva'
import { useEffect, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { boardToScreen, type Rect } from '../../../../shared/logic/geometry'
import { gridQuadrant } from '../../../../shared/logic/stakeholderMap'
import { matchesTagFilter, type TagFilter } from '../../../../shared/logic/tags'
import { STAKEHOLDER_CARD_SIZE } from '../../../../shared/schema/records/stakeholder'
import type { WorkshopStore } from '../../store/WorkshopStore'
import { groupLabel } from './groupStyle'
import { layoutMap } from './mapLayout'
import type { PanZoomView } from './PanZoomStage'
import type { DrawnText, StakeholderMapTestHook, StakeholderMapView } from './stakeholderMapTestHook'

interface TestHookDeps {
  store: WorkshopStore
  boardId: string
  view: StakeholderMapView
  filter: TagFilter
  /** The map or grid stage shown now. */
  viewRef: RefObject<PanZoomView | null>
}

/**
 * Installs `window.__samskapStakeholderMap` (stakeholderMapTestHook.ts). Records and cursors are
 * read from the store when a test asks; the view and the filter are this tab's choices, so the hook
 * is installed again when they change.
 */
export function useStakeholderMapTestHook({ store, boardId, view, filter, viewRef }: TestHookDeps): void {
  const { t } = useTranslation('stakeholderMap')
  useEffect(() => {
    const records = () => {
      const stakeholders = store.getItemsOfKind(boardId, 'stakeholder')
      return { stakeholders, layout: layoutMap(stakeholders, store.getItemsOfKind(boardId, 'stakeholderGroup')) }
    }
    const toScreen = (r: Rect) => {
      const shown = viewRef.current
      const box = shown?.viewport.containerRef.current?.getBoundingClientRect()
      if (!shown || !box) return null
      const camera = shown.session.getState().camera
      const p = boardToScreen(camera, r)
      return { x: box.left + p.x, y: box.top + p.y, w: r.w * camera.scale, h: r.h * camera.scale }
    }
    const drawn = (text: Konva.Text): DrawnText => ({
      role: text.name(),
      fontSize: text.fontSize(),
      lines: text.textArr.map((line) => line.text),
      lineWidths: text.textArr.map((line) => line.width),
      width: text.width(),
    })
    const stage = () => (view === 'plan' ? null : (viewRef.current?.viewport.stageRef.current ?? null))
    const hook: StakeholderMapTestHook = {
      boardId,
      getView: () => view,
      getZones: () => {
        const { layout } = records()
        const byId = new Map(layout.groups.map((g) => [g.id, g]))
        return layout.zones.map((z) => ({ groupId: z.groupId, label: groupLabel(byId.get(z.groupId), t), screenRect: view === 'map' ? toScreen(z) : null }))
      },
      getStakeholders: () => {
        const { stakeholders, layout } = records()
        const byId = new Map(layout.groups.map((g) => [g.id, g]))
        return stakeholders.map((s) => ({
          id: s.id,
          name: s.name,
          groupId: s.groupId,
          groupLabel: groupLabel(byId.get(s.groupId), t),
          influence: s.influence,
          interest: s.interest,
          channel: s.channel,
          quadrant: gridQuadrant(s.influence, s.interest),
          sdgs: [...s.sdgs],
          dimension: s.dimension,
          filteredOut: !matchesTagFilter(s, filter),
        }))
      },
      getCardTexts: (id) => {
        const card = stage()?.findOne(`#${id}`)
        return card ? (card as Konva.Group).find<Konva.Text>('Text').filter((t) => t.name() !== '').map(drawn) : null
      },
      getZoneLabel: (groupId) => {
        const zones = view === 'map' ? (stage()?.find<Konva.Text>('.zone-label') ?? []) : []
        const index = records().layout.zones.findIndex((z) => z.groupId === groupId)
        const label = zones[index]
        return label ? drawn(label) : null
      },
      cardScreenRect: (id) => {
        if (view === 'plan') return null
        const { stakeholders, layout } = records()
        const record = stakeholders.find((s) => s.id === id)
        if (!record) return null
        const place = (view === 'map' ? layout.positions : layout.grid.positions).get(id) ?? record
        return toScreen({ x: place.x, y: place.y, ...STAKEHOLDER_CARD_SIZE })
      },
      getPeerCursors: () => store.getPeers().filter((p) => p.cursor?.boardId === boardId).map((p) => p.name),
    }
    window.__samskapStakeholderMap = hook
    return () => {
      if (window.__samskapStakeholderMap === hook) delete window.__samskapStakeholderMap
    }
  }, [boardId, filter, store, t, view, viewRef])
}
