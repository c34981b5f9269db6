import type { CommandHandlers } from './CommandContext'

/** People and access: a removed participant's sockets close (4410) and their token is refused everywhere from then on. */
export const peopleCommands: CommandHandlers<'participant.remove'> = {
  'participant.remove': (command, { workshop }) => workshop.removeParticipant(command.participantId),
}
