import type { Rect } from '../../../../shared/logic/geometry'
import type { GridQuadrant } from '../../../../shared/logic/stakeholderMap'

export type StakeholderMapView = 'map' | 'grid' | 'plan'

/** One Konva text as drawn: what a person can read, and whether it is cut (a line wider than `width`, or an ellipsis). */
export interface DrawnText {
  role: string
  fontSize: number
  lines: string[]
  lineWidths: number[]
  width: number
}

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
  /**
   * The texts drawn on a card in the map or grid view, as Konva drew them: each with its font size
   * in board pixels (at 100 % zoom, screen pixels), its lines, their widths and the width it has.
   * Null in the table, or when the card is not drawn.
   */
  getCardTexts(id: string): DrawnText[] | null
  /** A zone's label as drawn (map view), null otherwise. */
  getZoneLabel(groupId: string): DrawnText | null
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
