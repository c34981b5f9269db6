import { useCallback, useSyncExternalStore } from 'react'

/**
 * Vote results a person closed for themselves (the facilitator's "dismiss" removes them for
 * everyone). Kept per tab in sessionStorage, so a reload does not bring them back, and shared by
 * the strip and the boards, so closing the list also takes the result dots off the notes.
 */
const KEY = 'samskap.dismissedVotes'
const listeners = new Set<() => void>()
let cache: readonly string[] | null = null

function read(): readonly string[] {
  if (cache) return cache
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]')
    cache = Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []
  } catch {
    cache = []
  }
  return cache
}

export function dismissResults(voteId: string): void {
  const next = [...read().filter((id) => id !== voteId), voteId].slice(-20)
  cache = next
  try {
    sessionStorage.setItem(KEY, JSON.stringify(next))
  } catch {
    // no storage: dismissed until reload
  }
  for (const listener of [...listeners]) listener()
}

export function useResultsDismissed(voteId: string | null): boolean {
  const subscribe = useCallback((listener: () => void) => {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }, [])
  const get = () => (voteId !== null && read().includes(voteId))
  return useSyncExternalStore(subscribe, get, get)
}
