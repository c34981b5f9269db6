import type { BoardRecord } from '../../../shared/schema/records/board'
import type { WorkshopStore } from '../store/WorkshopStore'

/** What every board view gets. It fills its parent; session state (selection, view) stays inside it. */
export interface BoardProps {
  store: WorkshopStore
  board: BoardRecord
}
