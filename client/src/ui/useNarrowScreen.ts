import { useSyncExternalStore } from 'react'

/** Phones and narrow windows: the width below which the top bar folds its tools into "Mer". */
export const NARROW_QUERY = '(max-width: 700px)'

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia(NARROW_QUERY)
  list.addEventListener('change', onChange)
  return () => list.removeEventListener('change', onChange)
}

/** True while the window is at most 700 px wide; follows rotation and resizing. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW_QUERY).matches,
    () => false,
  )
}
