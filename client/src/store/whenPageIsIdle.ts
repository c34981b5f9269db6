/** How long after the last keystroke the page counts as idle. */
const INPUT_PAUSE_MS = 1000
/** Waits no longer than this for a pause: a copy never read is a page that never syncs. */
const AT_MOST_MS = 5000

/**
 * Runs `then` once the page has painted and the person is not typing: after two animation frames
 * (the frame that drew the page is on screen) and 1 s after the last `input` or `focusin` event
 * anywhere in the page; at the latest 5 s after it was asked (typing or not, and in a tab that draws no frames).
 * Returns a function that cancels it. Without a window (Node, tests) it runs at once.
 *
 * For work that takes the main thread for seconds on a slow phone and that nothing on screen waits
 * for: the phone page's stored copy (LocalCopy.ts) is applied in one task of 2–4 s at 4× CPU
 * throttling, and a keystroke that arrives during it waits for it (bench/RESULTS.md, "Phone page").
 */
export function whenPageIsIdle(then: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    then()
    return () => {}
  }
  const askedAt = performance.now()
  let lastInput = -Infinity
  let done = false
  const onInput = (): void => {
    lastInput = performance.now()
  }
  const stop = (): void => {
    done = true
    clearTimeout(timer)
    removeEventListener('focusin', onInput, true)
    removeEventListener('input', onInput, true)
  }
  const check = (): void => {
    const now = performance.now()
    const wait = Math.min(INPUT_PAUSE_MS - (now - lastInput), AT_MOST_MS - (now - askedAt))
    clearTimeout(timer)
    if (done) return
    if (wait > 0) {
      timer = setTimeout(check, wait)
      return
    }
    stop()
    then()
  }
  // A tap into a text box comes before its first keystroke: it counts as typing.
  addEventListener('focusin', onInput, true)
  addEventListener('input', onInput, true)
  let timer = setTimeout(check, AT_MOST_MS)
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(check)))
  return stop
}
