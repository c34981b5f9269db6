import type { TFunction } from 'i18next'
import type { CommandError } from '../../../shared/facilitation/commands'

/** A failed command in the person's language; the server's English message only for a code we do not know. */
export function commandErrorText(
  t: TFunction<'session'>,
  failure: { error: CommandError | 'offline' | 'timeout'; message: string },
  values: Record<string, unknown> = {},
): string {
  return t(`errors.${failure.error}`, { ...values, defaultValue: failure.message })
}
