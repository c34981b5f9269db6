import type { WorkshopStore } from '../store/WorkshopStore'

/** In the top bar, for everyone: the shared countdown while a timer is set. */
export function SessionBar(_props: { store: WorkshopStore }) {
  return null
}
