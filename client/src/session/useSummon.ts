import { useEffect, useRef, useState } from 'react'
import { navigate } from '../lib/navigation'
import { useConnection, useSession } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { sessionBus } from './sessionBus'

/**
 * "Bring everyone here": each new `summon.seq` moves this person to the facilitator's board (and
 * view). The first value seen once connected is where things stand, not a summon: opening the
 * workshop later must not jump to a board someone was brought to an hour ago. Returns the serial
 * of the last summon that moved this person (0: none), for the short notice.
 */
export function useSummon(store: WorkshopStore, workshopId: string, enabled: boolean): number {
  const { summon } = useSession(store)
  const connection = useConnection(store)
  const seen = useRef<number | null>(null)
  const [moved, setMoved] = useState(0)
  const connected = connection.status === 'connected'

  useEffect(() => {
    if (!connected) return
    if (seen.current === null || summon.seq < seen.current) {
      seen.current = summon.seq
      return
    }
    if (summon.seq === seen.current) return
    seen.current = summon.seq
    if (!enabled || summon.boardId === '') return
    navigate({ page: 'workshop', workshopId, boardId: summon.boardId })
    if (summon.view) sessionBus(store).requestCamera(summon.boardId, summon.view)
    setMoved(summon.seq)
  }, [connected, summon, enabled, store, workshopId])

  return moved
}
