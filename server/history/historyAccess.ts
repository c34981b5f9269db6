import type { IncomingMessage } from 'node:http'

export type HistoryAction = 'list' | 'read' | 'checkpoint'

/**
 * FACILITATOR CHECK (issue 5): the one place where history access will require the facilitator
 * role once roles exist. Every history request passes through here before it touches storage.
 * Today there are no roles, so everyone who can open the workshop may use its history.
 * A restore is a document edit made by the client (a plan through the store), so when roles arrive
 * the client hides "Gjenopprett" for non-facilitators and the sync layer's role rules apply to it.
 */
export function canUseHistory(_request: IncomingMessage, _workshopId: string, _action: HistoryAction): boolean {
  return true
}
