import { isCanvasItem, planDeleteItems } from '../../../shared/logic/canvasItems'
import { CommandFailure, type CommandHandlers } from './CommandContext'

/**
 * A resident's own data (the privacy page, /privacy): they erase what they wrote. Only what the
 * server recorded as theirs is touched: the items their personal participant id added (the owners
 * map) and the held notes it wrote (private, waiting or hidden). Their nickname lives in presence,
 * which the client clears; the held notes that carried it go with them. What they wrote also goes
 * from the stored update log and from every history snapshot (FacilitatedWorkshop.eraseStored).
 */
export const privacyCommands: CommandHandlers<'own.erase'> = {
  'own.erase': async (command, { connection, grant, workshop }) => {
    const own = new Set(workshop.owners.itemsOf(grant.participantId))
    const ownHeld = new Set(workshop.held.byAuthor(grant.participantId).map((note) => note.id))
    if (command.itemIds) {
      // Someone else's id anywhere in the list refuses the whole command: nothing is erased.
      const others = command.itemIds.filter((id) => !own.has(id) && !ownHeld.has(id))
      if (others.length > 0) throw new CommandFailure('notYours', `Not yours to erase: ${others.slice(0, 5).join(', ')}`)
    }
    // Nothing of theirs anywhere: nothing to erase, and nothing to count against them.
    if (own.size === 0 && ownHeld.size === 0) return { erased: 0 }
    await workshop.takeErase(grant.participantId, connection.address)
    const wanted = command.itemIds ? new Set(command.itemIds) : null
    const onBoard = [...own].filter((id) => (wanted === null || wanted.has(id)) && workshop.maps.items.has(id))
    const held = [...ownHeld].filter((id) => wanted === null || wanted.has(id))
    if (onBoard.length > 0) {
      // Arrows and links bound to an erased item go with it.
      workshop.applyPlan(planDeleteItems(workshop.items().filter(isCanvasItem), new Set(onBoard)))
      await workshop.flush()
    }
    if (held.length > 0) {
      workshop.held.remove(held, workshop.origin)
      await workshop.flushHeld()
    }
    // Out of storage too: the update log and every history snapshot, where the items may be from
    // before (on the board then, or deleted by hand since) even when nothing is on the board now.
    await workshop.eraseStored(wanted ?? new Set([...own, ...ownHeld]))
    // No participant id or text in the log: the log outlives the erasure.
    workshop.log.info({ erased: onBoard.length + held.length }, 'a participant erased their own notes')
    return { erased: onBoard.length + held.length }
  },
}

