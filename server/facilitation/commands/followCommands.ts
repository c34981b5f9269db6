import { promptAfterSummon } from '../../../shared/facilitation/phoneTarget'
import { CommandFailure, type CommandHandlers } from './CommandContext'

/** Bringing everyone to a board, and letting them follow the facilitator's view. */
export const followCommands: CommandHandlers<'summon' | 'follow.start' | 'follow.stop'> = {
  summon: (command, { workshop }) => {
    const board = workshop.board(command.boardId)
    const { state } = workshop
    return workshop.writeState({
      summon: { seq: state.summon.seq + 1, boardId: command.boardId, view: command.view },
      // Everyone works on that board now: the phone page's notes go there too.
      prompt: promptAfterSummon(state.prompt, board, workshop.boards()),
    })
  },
  'follow.start': (_command, { connection, workshop }) => {
    const clientId = [...connection.awarenessClientIds][0]
    if (clientId === undefined) throw new CommandFailure('invalid', 'Your view is not shared yet; try again in a moment')
    return workshop.writeState({ follow: { clientId, name: workshop.nameOf(connection) } })
  },
  'follow.stop': (_command, { workshop }) => workshop.writeState({ follow: null }),
}
