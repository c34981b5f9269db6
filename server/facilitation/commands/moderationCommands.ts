import type { HeldNote } from '../../../shared/facilitation/commands'
import { readItemMap } from '../../../shared/doc/readItemMap'
import { createRecordMap } from '../../../shared/doc/workshopDoc'
import { acceptsNotes, planPlaceHeldNotes } from '../../../shared/facilitation/reveal'
import { validateItem } from '../../../shared/schema/schema'
import { CommandFailure, type CommandHandlers } from './CommandContext'

/**
 * Moderation: the queue of participants' notes the facilitator approves or rejects, hiding a note
 * or card from the board (approving puts it back exactly), and "participants change only their own".
 */
export const moderationCommands: CommandHandlers<'moderation.set' | 'ownItems.set' | 'held.approve' | 'held.reject' | 'note.hide'> = {
  'moderation.set': (command, { workshop }) => workshop.writeState({ moderation: command.enabled }),
  'ownItems.set': (command, { workshop }) => workshop.writeState({ ownItemsOnly: command.enabled }),

  'held.approve': async (command, { workshop }) => {
    const { held, moving } = workshop
    const notes = command.ids.map((id) => held.get(id)).filter((note): note is HeldNote => note !== undefined && !moving.has(note.id))
    const boards = workshop.boards()
    const placed: HeldNote[] = []
    for (const note of notes) moving.add(note.id)
    try {
      workshop.transact(() => {
        for (const note of notes) {
          const board = boards.find((b) => b.id === note.boardId)
          const original = note.original ? validateItem(note.original) : null
          if (original?.ok && boards.some((b) => b.id === original.value.boardId)) {
            workshop.maps.items.set(original.value.id, createRecordMap(original.value))
          } else if (board && acceptsNotes(board)) {
            workshop.writePlan(planPlaceHeldNotes(board, [note], workshop.items()))
            workshop.owners.addHeldNotes([note])
          } else continue
          placed.push(note)
        }
      })
      await workshop.flush()
      held.remove(
        placed.map((note) => note.id),
        workshop.origin,
      )
      await workshop.flushHeld()
    } finally {
      for (const note of notes) moving.delete(note.id)
    }
    if (placed.length < notes.length) throw new CommandFailure('notFound', 'Some notes could not be placed: their board is gone')
    return { revealed: placed.length }
  },

  'held.reject': async (command, { workshop }) => {
    const { held, moving } = workshop
    held.remove(
      command.ids.filter((id) => held.get(id) !== undefined && !moving.has(id)),
      workshop.origin,
    )
    await workshop.flushHeld()
    return undefined
  },

  /** Takes a note or card off its board into the facilitator's held list, to put back exactly later. */
  'note.hide': async (command, { workshop }) => {
    const map = workshop.maps.items.get(command.itemId)
    const record = map ? readItemMap(command.itemId, map) : null
    if (!record?.ok || (record.value.kind !== 'note' && record.value.kind !== 'card')) {
      throw new CommandFailure('notFound', 'Only notes and cards can be hidden')
    }
    const item = record.value
    workshop.held.put(
      {
        id: item.id,
        authorId: '',
        authorName: '',
        boardId: item.boardId,
        lane: item.kind === 'card' ? item.lane : '',
        text: item.text,
        color: item.kind === 'note' ? item.color : 'yellow',
        createdAt: item.createdAt,
        status: 'hidden',
        phaseId: '',
        original: { ...item },
      },
      workshop.origin,
    )
    // Held first, then off the board: a crash in between leaves the note in both places, never in neither.
    await workshop.flushHeld()
    workshop.transact(() => workshop.maps.items.delete(command.itemId))
    await workshop.flush()
    return undefined
  },
}
