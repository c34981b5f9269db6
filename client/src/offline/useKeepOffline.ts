import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import type { WorkshopStore } from '../store/WorkshopStore'
import { cacheImages, offlineCacheSupported } from './imageCache'
import { keepWorkshop, loadKept, releaseWorkshop, saveKept, subscribeKept } from './keptWorkshops'
import { useWorkshopImageHashes } from './useWorkshopImageHashes'

export type KeepState =
  | { phase: 'off' }
  | { phase: 'unsupported' }
  | { phase: 'caching'; done: number; total: number }
  | { phase: 'ready'; available: number; missing: number }

export function useIsKept(workshopId: string): boolean {
  return useSyncExternalStore(subscribeKept, () => loadKept().some((w) => w.id === workshopId))
}

/**
 * "Hold tilgjengelig uten nett" for one workshop: while it is on, every photo the workshop shows is
 * fetched into the cache the service worker serves from, again whenever photos are added and when
 * the network returns. The document needs nothing extra: y-indexeddb keeps every opened workshop.
 */
export function useKeepOffline(store: WorkshopStore, workshopId: string): { kept: boolean; state: KeepState; setKept: (keep: boolean) => void } {
  const kept = useIsKept(workshopId)
  const hashes = useWorkshopImageHashes(store)
  const [state, setState] = useState<KeepState>({ phase: 'off' })
  const [onlineTick, setOnlineTick] = useState(0)

  useEffect(() => {
    const onOnline = () => setOnlineTick((n) => n + 1)
    window.addEventListener('online', onOnline)
    return () => window.removeEventListener('online', onOnline)
  }, [])

  useEffect(() => {
    if (!kept) {
      setState({ phase: 'off' })
      return
    }
    if (!offlineCacheSupported()) {
      setState({ phase: 'unsupported' })
      return
    }
    let cancelled = false
    void cacheImages(hashes, ({ done, total }) => {
      if (!cancelled && done < total) setState({ phase: 'caching', done, total })
    }).then(
      ({ available, missing }) => {
        if (cancelled) return
        setState({ phase: 'ready', available, missing: missing.length })
        const entry = loadKept().find((w) => w.id === workshopId)
        if (entry) saveKept(keepWorkshop(loadKept(), { ...entry, imagesCached: available, imageTotal: hashes.length }))
      },
      () => {
        if (!cancelled) setState({ phase: 'unsupported' })
      },
    )
    return () => {
      cancelled = true
    }
  }, [kept, hashes, workshopId, onlineTick])

  const setKept = useCallback(
    (keep: boolean) => {
      const list = loadKept()
      saveKept(keep ? keepWorkshop(list, { id: workshopId, keptAt: Date.now(), imagesCached: 0, imageTotal: 0 }) : releaseWorkshop(list, workshopId))
    },
    [workshopId],
  )

  return { kept, state, setKept }
}
