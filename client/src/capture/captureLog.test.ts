import { describe, expect, it } from 'vitest'
import { allSent, CAPTURE_LOG_MAX, isWaiting, withCapture, type CaptureEntry } from './captureLog'

const entry = (id: string, over: Partial<CaptureEntry> = {}): CaptureEntry => ({ id, kind: 'note', text: id, boardTitle: 'Tavle 1', at: 1, hash: '', sent: false, ...over })

describe('the capture log', () => {
  it('lists the newest first and keeps one row per item', () => {
    const log = withCapture(withCapture(withCapture([], entry('a')), entry('b')), entry('a', { text: 'again' }))
    expect(log.map((e) => [e.id, e.text])).toEqual([
      ['a', 'again'],
      ['b', 'b'],
    ])
  })

  it('drops the oldest past the limit', () => {
    let log: CaptureEntry[] = []
    for (let i = 0; i <= CAPTURE_LOG_MAX; i++) log = withCapture(log, entry(`n${i}`))
    expect(log).toHaveLength(CAPTURE_LOG_MAX)
    expect(log.at(-1)!.id).toBe('n1')
  })

  it.each([
    ['a note not sent', entry('n'), false, true],
    ['a note sent', entry('n', { sent: true }), false, false],
    ['a photo sent, its bytes still queued', entry('p', { kind: 'photo', sent: true }), true, true],
    ['a photo sent and uploaded', entry('p', { kind: 'photo', sent: true }), false, false],
    ['a photo uploaded, its record not sent', entry('p', { kind: 'photo' }), false, true],
  ] as const)('%s: waiting %s', (_what, e, pending, waiting) => {
    expect(isWaiting(e, pending)).toBe(waiting)
  })

  it('marks everything sent once connected, and returns the same list when nothing changes', () => {
    const log = [entry('a'), entry('b', { sent: true })]
    const sent = allSent(log)
    expect(sent.every((e) => e.sent)).toBe(true)
    expect(allSent(sent)).toBe(sent)
  })
})
