import type { TFunction } from 'i18next'

/** A refusal from the template routes in the reader's language: by its named reason, else by status. */
export function templateRefusalText(t: TFunction<'templates'>, exists: (key: string) => boolean, refusal: { status: number; code: string | null }): string {
  if (refusal.status === 0) return t('refusals.offline')
  if (refusal.code && exists(`templates:refusals.${refusal.code}`)) return t(`refusals.${refusal.code}` as 'refusals.unknown', { status: refusal.status })
  return t('refusals.unknown', { status: refusal.status })
}
