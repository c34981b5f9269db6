import { describe, expect, it } from 'vitest'
import {
  emptyQueue,
  enqueueChanges,
  nextAnnouncementAt,
  summariseChanges,
  takeAnnouncement,
  type ChangeAction,
  type ChangeEvent,
  type ThrottleOptions,
} from './announcements'

function ev(id: string, actor: string | null, kind: string, action: ChangeAction, at = 0): ChangeEvent {
  return { id, actor, kind, action, at }
}

const options: ThrottleOptions = { intervalMs: 5000, settleMs: 1000, maxSummaries: 2 }

describe('summariseChanges', () => {
  it.each([
    ['nothing', [], []],
    ['three new notes from one person', [ev('a', 'Kari', 'note', 'added'), ev('b', 'Kari', 'note', 'added'), ev('c', 'Kari', 'note', 'added')], [{ actor: 'Kari', kind: 'note', action: 'added', count: 3 }]],
    ['typing in one note counts once', [ev('a', 'Ola', 'stakeholder', 'changed'), ev('a', 'Ola', 'stakeholder', 'changed'), ev('b', 'Ola', 'stakeholder', 'changed')], [{ actor: 'Ola', kind: 'stakeholder', action: 'changed', count: 2 }]],
    ['added then edited is added', [ev('a', 'Kari', 'note', 'added'), ev('a', 'Kari', 'note', 'changed')], [{ actor: 'Kari', kind: 'note', action: 'added', count: 1 }]],
    ['added then removed is nothing', [ev('a', 'Kari', 'note', 'added'), ev('a', null, 'note', 'removed')], []],
    ['removed then re-added is changed', [ev('a', null, 'note', 'removed'), ev('a', 'Kari', 'note', 'added')], [{ actor: 'Kari', kind: 'note', action: 'changed', count: 1 }]],
    ['changed then removed is removed, by the known author', [ev('a', 'Ola', 'card', 'changed'), ev('a', null, 'card', 'removed')], [{ actor: 'Ola', kind: 'card', action: 'removed', count: 1 }]],
    [
      'grouped by actor, kind and action, in order of first change',
      [ev('a', 'Kari', 'note', 'added'), ev('b', 'Ola', 'note', 'added'), ev('c', 'Kari', 'note', 'added'), ev('d', 'Kari', 'note', 'removed'), ev('e', null, 'shape', 'added')],
      [
        { actor: 'Kari', kind: 'note', action: 'added', count: 2 },
        { actor: 'Ola', kind: 'note', action: 'added', count: 1 },
        { actor: 'Kari', kind: 'note', action: 'removed', count: 1 },
        { actor: null, kind: 'shape', action: 'added', count: 1 },
      ],
    ],
  ] as const)('%s', (_name, events, expected) => {
    expect(summariseChanges(events)).toEqual(expected)
  })
})

describe('nextAnnouncementAt', () => {
  it.each([
    ['empty queue', { events: [], lastSpokenAt: null }, null],
    ['a single change settles for one second', { events: [ev('a', 'K', 'note', 'added', 100)], lastSpokenAt: null }, 1100],
    ['a burst waits for its last change', { events: [ev('a', 'K', 'note', 'added', 100), ev('b', 'K', 'note', 'added', 900)], lastSpokenAt: null }, 1900],
    ['a steady stream is spoken within one interval', { events: [ev('a', 'K', 'note', 'added', 0), ev('b', 'K', 'note', 'added', 4800)], lastSpokenAt: null }, 5000],
    ['never sooner than one interval after the last announcement', { events: [ev('a', 'K', 'note', 'added', 10_000)], lastSpokenAt: 8000 }, 13_000],
    ['long after the last announcement only the settling counts', { events: [ev('a', 'K', 'note', 'added', 20_000)], lastSpokenAt: 8000 }, 21_000],
  ] as const)('%s', (_name, queue, expected) => {
    expect(nextAnnouncementAt(queue, options)).toBe(expected)
  })
})

describe('takeAnnouncement', () => {
  it.each([
    ['nothing queued', [], 10_000, null, 0],
    ['not yet settled', [ev('a', 'Kari', 'note', 'added', 9500)], 10_000, null, 1],
    ['one group', [ev('a', 'Kari', 'note', 'added', 0), ev('b', 'Kari', 'note', 'added', 10)], 2000, { summaries: [{ actor: 'Kari', kind: 'note', action: 'added', count: 2 }], more: 0 }, 0],
    [
      'capped, with the rest counted',
      [ev('a', 'Kari', 'note', 'added'), ev('b', 'Ola', 'note', 'added'), ev('c', 'Per', 'note', 'added'), ev('d', 'Eva', 'card', 'changed')],
      2000,
      { summaries: [{ actor: 'Kari', kind: 'note', action: 'added', count: 1 }, { actor: 'Ola', kind: 'note', action: 'added', count: 1 }], more: 2 },
      0,
    ],
    ['changes that cancel out say nothing and leave nothing', [ev('a', 'Kari', 'note', 'added'), ev('a', null, 'note', 'removed')], 2000, null, 0],
  ] as const)('%s', (_name, events, now, expected, remaining) => {
    const result = takeAnnouncement(enqueueChanges(emptyQueue, events), now, options)
    expect(result.announcement).toEqual(expected)
    expect(result.queue.events).toHaveLength(remaining)
  })

  it('speaks at most once per interval while changes keep coming', () => {
    let queue = emptyQueue
    const spokenAt: number[] = []
    for (let t = 0; t <= 30_000; t += 250) {
      queue = enqueueChanges(queue, [ev(`n${t}`, 'Kari', 'note', 'added', t)])
      const result = takeAnnouncement(queue, t, options)
      queue = result.queue
      if (result.announcement) spokenAt.push(t)
    }
    expect(spokenAt.length).toBeGreaterThanOrEqual(5)
    for (let i = 1; i < spokenAt.length; i++) expect(spokenAt[i]! - spokenAt[i - 1]!).toBeGreaterThanOrEqual(options.intervalMs)
  })

  it('records when it spoke, and keeps the queue when nothing is due', () => {
    const queue = enqueueChanges(emptyQueue, [ev('a', 'Kari', 'note', 'added', 0)])
    expect(takeAnnouncement(queue, 500, options).queue).toBe(queue)
    expect(takeAnnouncement(queue, 1000, options).queue).toEqual({ events: [], lastSpokenAt: 1000 })
  })
})
