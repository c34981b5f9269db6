import { useCallback, useSyncExternalStore } from 'react'
import type { ItemKind } from '../../../shared/schema/schema'
import type { WorkshopStore } from './WorkshopStore'

/** Subscribes a component to one topic of the store; it re-renders only when that snapshot changes. */
function useStoreValue<T>(store: WorkshopStore, topic: string, read: () => T): T {
  const subscribe = useCallback((listener: () => void) => store.subscribe(topic, listener), [store, topic])
  return useSyncExternalStore(subscribe, read, read)
}

export function useBoards(store: WorkshopStore) {
  return useStoreValue(store, 'boards', () => store.getBoards())
}

export function useWorkshopMeta(store: WorkshopStore) {
  return useStoreValue(store, 'meta', () => store.getMeta())
}

export function useItemIds(store: WorkshopStore, boardId: string) {
  return useStoreValue(store, `items:${boardId}`, () => store.getItemIds(boardId))
}

export function useNote(store: WorkshopStore, id: string) {
  return useStoreValue(store, `note:${id}`, () => store.getNote(id))
}

export function useItem(store: WorkshopStore, id: string) {
  return useStoreValue(store, `item:${id}`, () => store.getItem(id))
}

/** All items of one kind on one board (groups, stakeholders, cards): for lists of tens to hundreds. */
export function useItemsOfKind<K extends ItemKind>(store: WorkshopStore, boardId: string, kind: K) {
  return useStoreValue(store, `kind:${boardId}:${kind}`, () => store.getItemsOfKind(boardId, kind))
}

export function usePeers(store: WorkshopStore) {
  return useStoreValue(store, 'peers', () => store.getPeers())
}

export function useConnection(store: WorkshopStore) {
  return useStoreValue(store, 'connection', () => store.getConnection())
}

export function useUndoState(store: WorkshopStore) {
  return useStoreValue(store, 'undo', () => store.getUndoState())
}

export function useLocallyLoaded(store: WorkshopStore) {
  return useStoreValue(store, 'loaded', () => store.isLocallyLoaded())
}
