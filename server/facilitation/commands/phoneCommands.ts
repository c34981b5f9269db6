import type { HeldNote } from '../../../shared/facilitation/commands'
import { phoneTarget } from '../../../shared/facilitation/phoneTarget'
import { noteTextLimit, planPlaceHeldNotes } from '../../../shared/facilitation/reveal'
import { NOTE_TEXT_MAX } from '../../../shared/schema/records/note'
import type { FacilitatedWorkshop } from '../FacilitatedWorkshop'
import { CommandFailure, type CommandHandlers } from './CommandContext'

/**
 * The phone page: the question it asks and where its notes go, and the notes people send from it
 * (or from the private composer on the board): private during private writing, queued while
 * moderation is on, otherwise straight onto the board.
 */
export const phoneCommands: CommandHandlers<'prompt.set' | 'note.submit' | 'note.edit' | 'note.withdraw'> = {
  'prompt.set': (command, { workshop }) => {
    if (command.boardId !== '') workshop.noteBoard(command.boardId)
    return workshop.writeState({ prompt: { boardId: command.boardId, lane: command.lane, question: command.question.trim() } })
  },

  'note.submit': async (command, { connection, grant, workshop }) => {
    // Sent again after a reconnect: the first one arrived, say where it went.
    const already = workshop.held.get(command.noteId)
    if (already) return { outcome: already.status === 'private' ? 'private' : 'queued' }
    if (workshop.maps.items.has(command.noteId)) return { outcome: 'public' }

    const { state } = workshop
    const target = phoneTarget(state, workshop.boards())
    if (!target) throw new CommandFailure('notFound', 'This workshop has no board for notes yet')
    const board = workshop.noteBoard(target.boardId)
    if (grant.role === 'participant' && state.lockedBoards.includes(board.id)) {
      throw new CommandFailure('locked', 'This board is locked by the facilitator')
    }
    const limit = noteTextLimit(board, NOTE_TEXT_MAX)
    if (command.text.length > limit) throw new CommandFailure('invalid', `text: at most ${limit} characters`)
    const note: HeldNote = {
      id: command.noteId,
      authorId: grant.participantId,
      authorName: workshop.nameOf(connection),
      boardId: board.id,
      lane: target.lane,
      text: command.text,
      color: command.color ?? 'yellow',
      createdAt: Date.now(),
      status: 'queued',
      phaseId: '',
      original: null,
    }
    if (state.phase.kind === 'private') {
      workshop.held.put({ ...note, status: 'private', phaseId: state.phase.id }, workshop.origin)
      await workshop.flushHeld()
      return { outcome: 'private' }
    }
    if (state.moderation && grant.role === 'participant') {
      workshop.held.put(note, workshop.origin)
      await workshop.flushHeld()
      return { outcome: 'queued' }
    }
    workshop.applyPlan(planPlaceHeldNotes(board, [note], workshop.items()))
    workshop.owners.addHeldNotes([note])
    await workshop.flush()
    return { outcome: 'public' }
  },

  'note.edit': async (command, { grant, workshop }) => {
    const note = ownHeld(workshop, grant.participantId, grant.role, command.noteId)
    const board = workshop.boards().find((b) => b.id === note.boardId)
    const limit = board ? noteTextLimit(board, NOTE_TEXT_MAX) : NOTE_TEXT_MAX
    if (command.text.length > limit) throw new CommandFailure('invalid', `text: at most ${limit} characters`)
    workshop.held.put({ ...note, text: command.text }, workshop.origin)
    await workshop.flushHeld()
    return undefined
  },

  'note.withdraw': async (command, { grant, workshop }) => {
    const note = ownHeld(workshop, grant.participantId, grant.role, command.noteId)
    workshop.held.remove([note.id], workshop.origin)
    await workshop.flushHeld()
    return undefined
  },
}

/** A held note its sender may still change: their own (any, for the facilitator), not hidden. */
function ownHeld(workshop: FacilitatedWorkshop, participantId: string, role: string, id: string): HeldNote {
  const note = workshop.held.get(id)
  if (!note || (note.authorId !== participantId && role !== 'facilitator') || note.status === 'hidden') {
    throw new CommandFailure('notFound', 'That note is not waiting any more')
  }
  return note
}
