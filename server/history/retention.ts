import type { HistoryKind } from '../persistence/Persistence'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

/**
 * Which automatic snapshots to drop so history stays bounded. Checkpoints (named by a person) are
 * always kept. Automatic snapshots: every one from the last 24 hours; from 24 hours to 7 days old,
 * the newest in each clock hour; older than that, the newest in each day (UTC). A workshop edited for
 * a whole day at one snapshot per 5 minutes keeps about 288 snapshots that day, 24 a day for the week
 * after, then one per day.
 */
export function selectThinnedSnapshots(
  entries: readonly { id: string; createdAt: number; kind: HistoryKind }[],
  now: number,
): string[] {
  const keptPerBucket = new Map<string, { id: string; createdAt: number }>()
  const drop: string[] = []
  for (const entry of entries) {
    if (entry.kind !== 'auto') continue
    const age = now - entry.createdAt
    if (age <= DAY) continue
    const bucket = age <= 7 * DAY ? `h${Math.floor(entry.createdAt / HOUR)}` : `d${Math.floor(entry.createdAt / DAY)}`
    const kept = keptPerBucket.get(bucket)
    if (!kept) {
      keptPerBucket.set(bucket, entry)
    } else if (entry.createdAt > kept.createdAt || (entry.createdAt === kept.createdAt && entry.id > kept.id)) {
      drop.push(kept.id)
      keptPerBucket.set(bucket, entry)
    } else {
      drop.push(entry.id)
    }
  }
  return drop
}
