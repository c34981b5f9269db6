import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import type { ItemKind } from '../../../shared/schema/schema'
import type { WorkshopConnection } from './WorkshopConnection'
import type { WorkshopStore } from './WorkshopStore'

/** Subscribes a component to one topic of the store; it re-renders only when that snapshot changes. */
function useStoreValue<T>(store: WorkshopConnection, topic: string, read: () => T): T {
  const subscribe = useCallback((listener: () => void) => store.subscribe(topic, listener), [store, topic])
  return useSyncExternalStore(subscribe, read, read)
}

export function useBoards(store: WorkshopConnection) {
  return useStoreValue(store, 'boards', () => store.getBoards())
}

export function useWorkshopMeta(store: WorkshopConnection) {
  return useStoreValue(store, 'meta', () => store.getMeta())
}

export function useItemIds(store: WorkshopConnection, boardId: string) {
  return useStoreValue(store, `items:${boardId}`, () => store.getItemIds(boardId))
}

export function useNote(store: WorkshopConnection, id: string) {
  return useStoreValue(store, `note:${id}`, () => store.getNote(id))
}

export function useItem(store: WorkshopConnection, id: string) {
  return useStoreValue(store, `item:${id}`, () => store.getItem(id))
}

/** All items of one kind on one board (groups, stakeholders, cards): for lists of tens to hundreds. */
export function useItemsOfKind<K extends ItemKind>(store: WorkshopConnection, boardId: string, kind: K) {
  return useStoreValue(store, `kind:${boardId}:${kind}`, () => store.getItemsOfKind(boardId, kind))
}

export function usePeers(store: WorkshopConnection) {
  return useStoreValue(store, 'peers', () => store.getPeers())
}

export function useConnection(store: WorkshopConnection) {
  return useStoreValue(store, 'connection', () => store.getConnection())
}

export function useUndoState(store: WorkshopStore) {
  return useStoreValue(store, 'undo', () => store.getUndoState())
}

export function useLocallyLoaded(store: WorkshopConnection) {
  return useStoreValue(store, 'loaded', () => store.isLocallyLoaded())
}

/** The facilitator's live state: timer, locks, phase, vote, moderation, prompt, summon, follow. */
export function useSession(store: WorkshopConnection) {
  return useStoreValue(store, 'session', () => store.getSession())
}

/** Who this browser is (role, participant id); null until known. */
export function useIdentity(store: WorkshopConnection) {
  return useStoreValue(store, 'identity', () => store.control.getIdentity())
}

/** This person's own held notes and dots. */
export function useMine(store: WorkshopConnection) {
  return useStoreValue(store, 'mine', () => store.control.getMine())
}

/** The held notes a facilitator may see, and how many private ones exist. */
export function useHeld(store: WorkshopConnection) {
  return useStoreValue(store, 'held', () => store.control.getHeld())
}

/** The open vote's live tally (empty counts while hidden). */
export function useTally(store: WorkshopConnection) {
  return useStoreValue(store, 'tally', () => store.control.getTally())
}

/** How full the workshop is against its size cap; null until the server warns (facilitators only). */
export function useCapacity(store: WorkshopConnection) {
  return useStoreValue(store, 'capacity', () => store.control.getCapacity())
}

/**
 * The server's clock, re-read every `everyMs` while `active` (a running timer), else when the
 * measured offset changes. For countdowns that agree on every screen.
 */
export function useServerNow(store: WorkshopConnection, active: boolean, everyMs = 250): number {
  const [now, setNow] = useState(() => store.control.serverNow())
  useEffect(() => {
    const update = () => setNow(store.control.serverNow())
    update()
    const unsubscribe = store.subscribe('clock', update)
    const timer = active ? window.setInterval(update, everyMs) : undefined
    return () => {
      unsubscribe()
      if (timer !== undefined) window.clearInterval(timer)
    }
  }, [store, active, everyMs])
  return now
}
