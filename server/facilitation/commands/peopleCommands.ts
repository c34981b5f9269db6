import { REMOVED_MAX } from '../../../shared/schema/records/session'
import type { CommandHandlers } from './CommandContext'

/** People and access: a removed participant's sockets close (4403) and their token is refused from then on. */
export const peopleCommands: CommandHandlers<'participant.remove'> = {
  'participant.remove': async (command, { workshop }) => {
    if (workshop.isRemoved(command.participantId)) return undefined
    return workshop.writeState({ removed: [...workshop.state.removed, command.participantId].slice(-REMOVED_MAX) })
  },
}
