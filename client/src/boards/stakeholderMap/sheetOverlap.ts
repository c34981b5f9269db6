/** A box on the screen, as `getBoundingClientRect` gives it. */
export interface ScreenBox {
  left: number
  top: number
  right: number
  bottom: number
}

/**
 * How much of the view, from its top, a panel leaves uncovered: on a phone the stakeholder panel is
 * a bottom sheet over the view (groupsAndPlan.css), so a card drawn below the sheet's top edge is
 * hidden; beside the view (desktop) it covers nothing. Null when the panel does not cover the view.
 */
export function uncoveredHeight(view: ScreenBox, panel: ScreenBox): number | null {
  const overlapsAcross = panel.left < view.right && panel.right > view.left
  const coversBottom = panel.top > view.top && panel.top < view.bottom && panel.bottom >= view.bottom - 1
  if (!overlapsAcross || !coversBottom) return null
  return panel.top - view.top
}
