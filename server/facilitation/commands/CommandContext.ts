import type { CommandEnvelope, CommandError, CommandResult, CommandType } from '../../../shared/facilitation/commands'
import type { Grant } from '../../access/AccessStore'
import type { SyncConnection } from '../../sync/SyncConnection'
import type { FacilitatedWorkshop } from '../FacilitatedWorkshop'

/** What a command handler is given: who sent it, when, and the workshop it acts on. */
export interface CommandContext {
  connection: SyncConnection
  grant: Grant
  /** Server time when the command arrived (ms since epoch). */
  now: number
  workshop: FacilitatedWorkshop
}

/**
 * Carries out one command (its role was checked already) and resolves with its result once what it
 * wrote is stored; throws CommandFailure for an expected refusal.
 */
export type CommandHandler<T extends CommandType> = (
  command: Extract<CommandEnvelope, { type: T }>,
  context: CommandContext,
) => Promise<CommandResult<T>> | CommandResult<T>

/** A group of handlers, one per command type of the group. */
export type CommandHandlers<T extends CommandType> = { [K in T]: CommandHandler<K> }

/** An expected refusal: answered with its error code and message, not logged as a failure. */
export class CommandFailure extends Error {
  constructor(
    readonly error: CommandError,
    message: string,
  ) {
    super(message)
    this.name = 'CommandFailure'
  }
}
