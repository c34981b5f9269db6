import type { CommandType } from '../../../shared/facilitation/commands'
import { boardCommands } from './boardCommands'
import type { CommandHandlers } from './CommandContext'
import { followCommands } from './followCommands'
import { moderationCommands } from './moderationCommands'
import { peopleCommands } from './peopleCommands'
import { phoneCommands } from './phoneCommands'
import { privacyCommands } from './privacyCommands'
import { privateWritingCommands } from './privateWritingCommands'
import { timerCommands } from './timerCommands'
import { voteCommands } from './voteCommands'

/**
 * Every command's handler, by type (shared/facilitation/commands.ts lists the commands and who may
 * send each). A command without a handler does not compile.
 */
export const commandTable: CommandHandlers<CommandType> = {
  ...timerCommands,
  ...boardCommands,
  ...followCommands,
  ...peopleCommands,
  ...privateWritingCommands,
  ...voteCommands,
  ...moderationCommands,
  ...phoneCommands,
  ...privacyCommands,
}
