import type { WorkshopStore } from '../store/WorkshopStore'
import { useRemoteAnnouncements } from './useRemoteAnnouncements'

/**
 * The one polite live region for other people's changes, mounted once per workshop view. It is in
 * the page from the start (a live region added together with its text is often not read) and each
 * announcement is a new paragraph, so repeated words are read again.
 */
export function Announcer({ store, boardId }: { store: WorkshopStore; boardId: string | null }) {
  const spoken = useRemoteAnnouncements(store, boardId)
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="false" data-testid="remote-announcer">
      {spoken && <p key={spoken.serial}>{spoken.text}</p>}
    </div>
  )
}
