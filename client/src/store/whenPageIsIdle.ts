/** How long after the last keystroke the page counts as idle. */
const INPUT_PAUSE_MS = 1000
/** Waits no longer than this for a pause: a copy never read is a page that never syncs. */
const AT_MOST_MS = 5000

/**
 * Runs `then` once the page has painted and the person is not typing: after two animation frames
 * (the frame that drew the page is on screen), in an idle period, and 1 s after the last `input`
 * event anywhere in the page; at the latest 5 s after it was asked (typing or not). Returns a
 * function that cancels it. Without a window (Node, tests) it runs at once.
 *
 * For work that takes the main thread for seconds on a slow phone and that nothing on screen waits
 * for: the phone page's stored copy (LocalCopy.ts) is applied in one task of 2–4 s at 4× CPU
 * throttling, and a keystroke that arrives during it waits for it (bench/RESULTS.md, "Phone page").
 */
export function whenPageIsIdle(then: () => void): () => void {
  if (typeof window === 'undefined' || typeof requestAnimationFrame !== 'function') {
    then()
    return () => {}
  }
  const askedAt = performance.now()
  let lastInput = -Infinity
  let done = false
  let frame = 0
  let idle = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const onInput = (): void => {
    lastInput = performance.now()
  }
  const stop = (): void => {
    done = true
    cancelAnimationFrame(frame)
    if (idle && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle)
    clearTimeout(timer)
    clearTimeout(deadline)
    window.removeEventListener('input', onInput, true)
  }
  const check = (): void => {
    if (done) return
    const now = performance.now()
    const quietFor = now - lastInput
    if (quietFor >= INPUT_PAUSE_MS || now - askedAt >= AT_MOST_MS) {
      stop()
      then()
      return
    }
    clearTimeout(timer)
    timer = setTimeout(check, Math.min(INPUT_PAUSE_MS - quietFor, AT_MOST_MS - (now - askedAt)))
  }
  const afterIdle = (): void => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(check, { timeout: 500 })
    else timer = setTimeout(check, 0)
  }
  window.addEventListener('input', onInput, true)
  frame = requestAnimationFrame(() => {
    frame = requestAnimationFrame(afterIdle)
  })
  // No frames come in a hidden tab: the deadline holds there too.
  const deadline = setTimeout(check, AT_MOST_MS)
  return stop
}
