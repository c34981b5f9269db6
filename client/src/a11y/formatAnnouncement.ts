import type { TFunction } from 'i18next'
import type { Announcement } from '../../../shared/logic/announcements'

/** One announcement as one spoken text: "Kari la til 3 lapper. Ola endret 2 interessenter." */
export function formatAnnouncement(announcement: Announcement, t: TFunction<'a11y'>): string {
  const sentences = announcement.summaries.map(({ actor, kind, action, count }) => {
    const things = t(`things.${kind}`, { count, defaultValue: String(count) })
    return actor ? t(`announce.${action}_actor`, { actor, things }) : t(`announce.${action}`, { things })
  })
  if (announcement.more > 0) sentences.push(t('announce.more', { count: announcement.more }))
  return sentences.join('. ') + '.'
}
