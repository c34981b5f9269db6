import { nanoid } from 'nanoid'
import { acceptsNotes, planPlaceHeldNotes } from '../../../shared/facilitation/reveal'
import { CommandFailure, type CommandHandlers } from './CommandContext'

/**
 * Private writing: notes written during the phase stay in the held notes, unseen by anyone else,
 * until the reveal puts them all on the board and ends the phase in one transaction.
 */
export const privateWritingCommands: CommandHandlers<'phase.private' | 'phase.reveal'> = {
  'phase.private': (command, { now, workshop }) => {
    if (workshop.state.phase.kind === 'private') throw new CommandFailure('invalid', 'Reveal the notes of the current private writing first')
    workshop.noteBoard(command.boardId)
    return workshop.writeState({
      phase: { kind: 'private', id: nanoid(), boardId: command.boardId, lane: command.lane, facilitatorSees: command.facilitatorSees, startedAt: now },
    })
  },

  'phase.reveal': async (_command, { workshop, grant }) => {
    const phase = workshop.state.phase
    if (phase.kind !== 'private') throw new CommandFailure('noPhase', 'There is no private writing to reveal')
    const notes = workshop.held.all().filter((note) => note.status === 'private' && note.phaseId === phase.id)
    const board = workshop.boards().find((b) => b.id === phase.boardId)
    const plan = board && acceptsNotes(board) ? planPlaceHeldNotes(board, notes, workshop.items()) : {}
    // The notes and the end of the phase in one transaction: whoever sees the phase end sees the notes.
    workshop.transact(() => {
      workshop.writePlan(plan)
      workshop.maps.session.set('phase', { kind: 'open' })
    })
    if (board) workshop.owners.addHeldNotes(notes)
    await workshop.flush()
    workshop.held.remove(
      notes.map((note) => note.id),
      workshop.origin,
    )
    await workshop.flushHeld()
    workshop.log.info({ revealed: notes.length }, 'private notes revealed')
    const revealed = board ? notes.length : 0
    await workshop.audit('revealed', grant, String(revealed))
    return { revealed }
  },
}
