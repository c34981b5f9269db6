import type { TFunction } from 'i18next'
import type { CommandOutcome } from '../store/ControlChannel'

/** Why a command failed: the server's codes, plus `offline` and `timeout` from the control channel. */
export type CommandFailure = Extract<CommandOutcome<never>, { ok: false }>['error']

/**
 * A failed command in the person's language, from the `errors.*` keys of the namespace `t` reads
 * (the phone page has its own, shorter wording; the board uses `session`). A code the client does
 * not know yet shows the server's English message, or the generic server error. `values` fills in
 * the limits (`max`, `count`: the per-item maximum of a vote).
 */
export function commandErrorText(
  t: TFunction<'phone'> | TFunction<'session'>,
  failure: CommandFailure | { error: CommandFailure; message?: string },
  values: { max?: number; count?: number } = {},
): string {
  const { error, message } = typeof failure === 'string' ? { error: failure, message: undefined } : failure
  const translate = t as TFunction<'phone'>
  return translate(`errors.${error}` as 'errors.serverError', { max: 1, count: 1, ...values, defaultValue: message ?? translate('errors.serverError') })
}
