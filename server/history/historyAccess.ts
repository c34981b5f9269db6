import type { Grant } from '../access/AccessStore'

export type HistoryAction = 'list' | 'read' | 'checkpoint'

/**
 * The one place that decides who may use a workshop's history: facilitators. Every history request
 * passes through here before it touches storage. A restore is a document edit made by the client (a
 * plan through the store), so the sync layer's role rules apply to it as to any edit, and the
 * client offers "Gjenopprett" to facilitators only.
 */
export function canUseHistory(grant: Grant | null, _action: HistoryAction): boolean {
  return grant?.role === 'facilitator'
}
