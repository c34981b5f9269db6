import type { Rect } from '../../../../shared/logic/geometry'
import type { GridQuadrant } from '../../../../shared/logic/stakeholderMap'

export type StakeholderMapView = 'map' | 'grid' | 'plan'

/**
 * Read-only view of the stakeholder map for end-to-end tests (`window.__samskapStakeholderMap`).
 * Konva draws the map on a canvas, so tests need to know where zones and cards are on screen.
 */
export interface StakeholderMapTestHook {
  boardId: string
  getView(): StakeholderMapView
  /** Zones in layout order with their shown label; screen rects in viewport pixels (map view only, else null). */
  getZones(): { groupId: string; label: string; screenRect: Rect | null }[]
  /** Stakeholders as the store holds them, with their grid quadrant. */
  getStakeholders(): {
    id: string
    name: string
    groupId: string
    groupLabel: string
    influence: number
    interest: number
    channel: string
    quadrant: GridQuadrant
    sdgs: number[]
    dimension: string
    /** Faded by the tag filter in the map and grid, left out of the plan table. */
    filteredOut: boolean
  }[]
  /** Where a card is drawn in the current map or grid view, in viewport pixels; null in the table. */
  cardScreenRect(id: string): Rect | null
  /** Names of other people whose cursor is drawn on this map. */
  getPeerCursors(): string[]
}

declare global {
  interface Window {
    __samskapStakeholderMap?: StakeholderMapTestHook
  }
}
