import { TIMER_MAX_MS } from '../../../shared/schema/records/session'

/** The presets on the timer buttons, in minutes: short rounds, a writing round, a group task. */
export const TIMER_PRESETS_MIN = [2, 5, 10, 15] as const

/**
 * What the facilitator typed in the minutes field, as milliseconds, or null when it is not a time
 * the server takes (1 s to 4 h). People type "7", "2,5" (a Nordic decimal comma), "2.5" or
 * "1:30" (minutes and seconds), with spaces or "min" around it.
 */
export function parseMinutes(input: string): number | null {
  const text = input.trim().toLowerCase().replace(/\s*(min|minutter|minuter|minutes|m)\.?$/, '').trim()
  let ms: number
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(text)
  if (clock) {
    ms = (Number(clock[1]) * 60 + Number(clock[2])) * 1000
  } else if (/^\d{1,3}([.,]\d{1,2})?$/.test(text)) {
    ms = Math.round(Number(text.replace(',', '.')) * 60_000)
  } else {
    return null
  }
  return ms >= 1000 && ms <= TIMER_MAX_MS ? ms : null
}
