/**
 * What a screen reader hears about other people's changes. A busy workshop writes many updates a
 * second; speaking each would drown the person. So changes wait in a queue and are spoken as a few
 * summaries ("3 nye lapper fra Kari") at most once per interval. Pure: the caller owns the clock
 * and the timer, passes `now`, and keeps the returned state.
 */

export type ChangeAction = 'added' | 'changed' | 'removed'

export interface ChangeEvent {
  /** The record that changed: repeated changes to one record count once. */
  id: string
  /** Who made it, when known; `null` is spoken without a name. */
  actor: string | null
  kind: string
  action: ChangeAction
  at: number
}

export interface AnnouncementQueue {
  events: readonly ChangeEvent[]
  /** When the last summary was spoken, `null` before the first. */
  lastSpokenAt: number | null
}

export interface ChangeSummary {
  actor: string | null
  kind: string
  action: ChangeAction
  /** Distinct records. */
  count: number
}

export interface Announcement {
  summaries: readonly ChangeSummary[]
  /** Further groups left unsaid ("and 2 more changes"). */
  more: number
}

export interface ThrottleOptions {
  /** Least time between two announcements. */
  intervalMs: number
  /** How long the newest change waits so a burst is summarised together. */
  settleMs: number
  /** Most summaries in one announcement; the rest become "and X more". */
  maxSummaries: number
}

export const defaultThrottle: ThrottleOptions = { intervalMs: 5000, settleMs: 1000, maxSummaries: 3 }

/** A queue holding nothing, never spoken. */
export const emptyQueue: AnnouncementQueue = { events: [], lastSpokenAt: null }

export function enqueueChanges(queue: AnnouncementQueue, events: readonly ChangeEvent[]): AnnouncementQueue {
  if (events.length === 0) return queue
  return { ...queue, events: [...queue.events, ...events] }
}

/**
 * When the queue may next be spoken, or null if it is empty. A burst settles first, but a steady
 * stream of changes does not postpone speaking for longer than one interval.
 */
export function nextAnnouncementAt(queue: AnnouncementQueue, options: ThrottleOptions = defaultThrottle): number | null {
  const first = queue.events[0]
  const last = queue.events[queue.events.length - 1]
  if (!first || !last) return null
  const settled = Math.min(last.at + options.settleMs, first.at + options.intervalMs)
  const allowed = queue.lastSpokenAt === null ? -Infinity : queue.lastSpokenAt + options.intervalMs
  return Math.max(settled, allowed)
}

/**
 * Takes what is due at `now`: the announcement to speak (null if nothing is due, or if the changes
 * cancelled out) and the queue to keep.
 */
export function takeAnnouncement(
  queue: AnnouncementQueue,
  now: number,
  options: ThrottleOptions = defaultThrottle,
): { announcement: Announcement | null; queue: AnnouncementQueue } {
  const due = nextAnnouncementAt(queue, options)
  if (due === null || now < due) return { announcement: null, queue }
  const summaries = summariseChanges(queue.events)
  if (summaries.length === 0) return { announcement: null, queue: { ...queue, events: [] } }
  const shown = summaries.slice(0, Math.max(1, options.maxSummaries))
  return {
    announcement: { summaries: shown, more: summaries.length - shown.length },
    queue: { events: [], lastSpokenAt: now },
  }
}

/**
 * Folds events into one net change per record (added then edited is "added"; added then removed
 * is nothing; removed then re-added is "changed"), then groups them by actor, kind and action.
 * Groups come in the order of their first event; the biggest group is not moved first, so what
 * is said follows what happened.
 */
export function summariseChanges(events: readonly ChangeEvent[]): ChangeSummary[] {
  const net = new Map<string, { event: ChangeEvent; action: ChangeAction | null; order: number }>()
  events.forEach((event, order) => {
    const current = net.get(event.id)
    if (!current) {
      net.set(event.id, { event, action: event.action, order })
      return
    }
    current.action = combine(current.action, event.action)
    // The last known author speaks for the record; a removal has none, so keep the earlier one.
    if (event.actor !== null) current.event = { ...current.event, actor: event.actor }
  })
  const groups = new Map<string, ChangeSummary & { order: number }>()
  for (const { event, action, order } of net.values()) {
    if (action === null) continue
    const key = JSON.stringify([event.actor, event.kind, action])
    const group = groups.get(key)
    if (group) group.count++
    else groups.set(key, { actor: event.actor, kind: event.kind, action, count: 1, order })
  }
  return [...groups.values()].sort((a, b) => a.order - b.order).map(({ order: _order, ...summary }) => summary)
}

function combine(before: ChangeAction | null, after: ChangeAction): ChangeAction | null {
  if (before === null) return after === 'removed' ? null : 'added'
  if (before === 'added') return after === 'removed' ? null : 'added'
  if (before === 'removed') return after === 'removed' ? 'removed' : 'changed'
  return after
}
