import type { TFunction } from 'i18next'
import type { CommandError } from '../../../shared/facilitation/commands'
import type { CommandOutcome } from '../store/ControlChannel'

export type CommandFailure = Extract<CommandOutcome<never>, { ok: false }>['error']

/** Every way a command can fail, as the person is told (phone namespace, `errors.*`). */
const keys: Record<CommandError | 'offline' | 'timeout', string> = {
  invalid: 'errors.invalid',
  forbidden: 'errors.forbidden',
  notFound: 'errors.notFound',
  noVote: 'errors.noVote',
  voteClosed: 'errors.voteClosed',
  notEligible: 'errors.notEligible',
  voteLimit: 'errors.voteLimit',
  itemLimit: 'errors.itemLimit',
  noPhase: 'errors.noPhase',
  tooMany: 'errors.tooMany',
  locked: 'errors.locked',
  workshopFull: 'errors.workshopFull',
  serverError: 'errors.serverError',
  offline: 'errors.offline',
  timeout: 'errors.timeout',
}

/** A refusal in the person's language; `maxPerItem` fills in the per-item limit of a vote. */
export function commandErrorText(t: TFunction<'phone'>, error: CommandFailure, options: { maxPerItem?: number } = {}): string {
  return t(keys[error] ?? 'errors.serverError', { max: options.maxPerItem ?? 1 })
}
