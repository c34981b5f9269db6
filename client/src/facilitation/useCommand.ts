import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { commandErrors, type Command, type CommandType } from '../../../shared/facilitation/commands'
import type { CommandOutcome } from '../store/ControlChannel'
import type { WorkshopStore } from '../store/WorkshopStore'

export type CommandState =
  | { status: 'idle' }
  | { status: 'pending'; type: CommandType; key: string }
  | { status: 'done'; type: CommandType; message: string }
  | { status: 'failed'; type: CommandType; key: string; message: string }

export interface CommandRunner {
  state: CommandState
  /** True while any command of this runner waits for its reply. */
  pending: boolean
  /** The key (e.g. a note id) of the command in flight, to show progress on the right row. */
  pendingKey: string | null
  /**
   * Sends a command; resolves with its outcome (never rejects). `done` is announced on success
   * (for screen readers; the UI change shows it to everyone else). `key` tells rows apart.
   */
  run<T extends CommandType>(command: Extract<Command, { type: T }>, options?: { done?: string; key?: string }): Promise<CommandOutcome<T>>
  dismiss(): void
}

/** A failed command's reason in the person's language; the server's English message only for a code we do not know. */
export function commandErrorText(t: TFunction<'facilitation'>, outcome: { error: string; message: string }): string {
  const known = (commandErrors as readonly string[]).includes(outcome.error) || outcome.error === 'offline' || outcome.error === 'timeout'
  return known ? t(`errors.${outcome.error}` as 'errors.invalid') : t('errors.unknown', { message: outcome.message })
}

/** Sends control-channel commands for one part of the panel and keeps what the person should see: sending, done, failed. */
export function useCommand(store: WorkshopStore): CommandRunner {
  const { t } = useTranslation('facilitation')
  const [state, setState] = useState<CommandState>({ status: 'idle' })
  const inFlight = useRef(0)
  const latest = useRef(0)
  const clearTimer = useRef<number | undefined>(undefined)

  useEffect(() => () => window.clearTimeout(clearTimer.current), [])

  const run = useCallback(
    async <T extends CommandType>(command: Extract<Command, { type: T }>, options: { done?: string; key?: string } = {}) => {
      const ticket = ++latest.current
      inFlight.current++
      window.clearTimeout(clearTimer.current)
      setState({ status: 'pending', type: command.type, key: options.key ?? '' })
      const outcome = await store.control.send(command)
      inFlight.current--
      // A later command's state wins; an earlier reply arriving late does not overwrite it.
      if (ticket !== latest.current) return outcome
      if (outcome.ok) {
        setState(options.done ? { status: 'done', type: command.type, message: options.done } : { status: 'idle' })
        // "Done" is for the live region; it fades so the next action starts clean.
        if (options.done) clearTimer.current = window.setTimeout(() => setState({ status: 'idle' }), 4000)
      } else {
        setState({ status: 'failed', type: command.type, key: options.key ?? '', message: commandErrorText(t, outcome) })
      }
      return outcome
    },
    [store, t],
  )

  const dismiss = useCallback(() => setState({ status: 'idle' }), [])
  return {
    state,
    pending: state.status === 'pending',
    pendingKey: state.status === 'pending' ? state.key : null,
    run,
    dismiss,
  }
}
