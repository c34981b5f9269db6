import type { CommandHandlers } from './CommandContext'

/** Boards and their locks: participants' edits to a locked board are refused. */
export const boardCommands: CommandHandlers<'board.lock'> = {
  'board.lock': (command, { workshop }) => {
    workshop.board(command.boardId)
    const others = workshop.state.lockedBoards.filter((id) => id !== command.boardId)
    return workshop.writeState({ lockedBoards: command.locked ? [...others, command.boardId] : others })
  },
}
