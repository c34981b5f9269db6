import { useCallback, useSyncExternalStore } from 'react'

/**
 * View state of one board (camera, selection, tool, the gesture in progress) outside React:
 * event handlers read `getState()` when they run, components subscribe to the slices they draw.
 * The pattern of zustand's vanilla.ts + react.ts, in the few lines this needs.
 */
export interface Store<S> {
  getState(): S
  /** Shallow-merges `patch` (or what `fn` returns) and notifies listeners if anything changed. */
  setState(patch: Partial<S> | ((state: S) => Partial<S>)): void
  /** Called after each change with the new and the previous state. */
  subscribe(listener: (state: S, previous: S) => void): () => void
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial
  const listeners = new Set<(state: S, previous: S) => void>()
  return {
    getState: () => state,
    setState(patch) {
      const changes = typeof patch === 'function' ? patch(state) : patch
      if (!Object.keys(changes).some((key) => !Object.is(changes[key as keyof S], state[key as keyof S]))) return
      const previous = state
      state = { ...state, ...changes }
      for (const listener of [...listeners]) listener(state, previous)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}

/**
 * One slice of a store; the component re-renders only when the selected value changes
 * (`Object.is`), so a selector must return a stored value or a primitive, not a new object.
 */
export function useStoreSlice<S, T>(store: Store<S>, selector: (state: S) => T): T {
  const subscribe = useCallback((listener: () => void) => store.subscribe(listener), [store])
  const read = () => selector(store.getState())
  return useSyncExternalStore(subscribe, read, read)
}
