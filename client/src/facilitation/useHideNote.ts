import { useCallback } from 'react'
import type { CommandOutcome } from '../store/ControlChannel'
import type { WorkshopStore } from '../store/WorkshopStore'
import { useRole } from '../session/useRole'
import { useCommand } from './useCommand'

export interface HideNote {
  /** Whether this person may hide notes: facilitators only (the server refuses anyone else). */
  allowed: boolean
  /**
   * Takes a note or challenge card off its board for everyone and into the facilitator's "hidden"
   * list, from where "Legg tilbake" puts it back exactly as it was. Resolves true when it is done.
   */
  hide(itemId: string): Promise<boolean>
  /** The item being hidden now, to show progress on it. */
  pendingId: string | null
  /** Why the last hide failed, in the person's language; null when it did not. */
  error: string | null
  dismissError(): void
}

/**
 * For a board's selection toolbar or context menu: "Skjul" on a selected note. The note leaves
 * every other browser at once (it is not blurred, it is gone) and waits in the facilitation panel's
 * moderation section. Usage: `const hideNote = useHideNote(store); if (hideNote.allowed) …`.
 */
export function useHideNote(store: WorkshopStore): HideNote {
  const role = useRole(store)
  const command = useCommand(store)
  const { run } = command
  const hide = useCallback(async (itemId: string) => (await run({ type: 'note.hide', itemId }, { key: itemId })).ok, [run])
  return {
    allowed: role === 'facilitator',
    hide,
    pendingId: command.state.status === 'pending' && command.state.type === 'note.hide' ? command.state.key : null,
    error: command.state.status === 'failed' ? command.state.message : null,
    dismissError: command.dismiss,
  }
}

/** The same without React, for code that is not a component (the reply says whether it worked). */
export function hideNote(store: WorkshopStore, itemId: string): Promise<CommandOutcome<'note.hide'>> {
  return store.control.send({ type: 'note.hide', itemId })
}
