import type { CommandHandlers } from './CommandContext'

/** People and access: a removed participant's sockets close (4410) and their token is refused everywhere from then on. */
export const peopleCommands: CommandHandlers<'participant.remove'> = {
  'participant.remove': async (command, { workshop, grant }) => {
    const already = workshop.isRemoved(command.participantId)
    const result = await workshop.removeParticipant(command.participantId)
    // The participant's id, not their name: names are presence, never stored.
    if (!already) await workshop.audit('participantRemoved', grant, command.participantId)
    return result
  },
}
