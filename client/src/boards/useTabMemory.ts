import { useCallback, useState } from 'react'

interface TabMemoryOptions {
  /**
   * Also kept in the URL hash as `<name>=<choice>` (read before the tab's storage, so a shared
   * link opens the same choice); the first choice is written as no hash at all.
   */
  hash?: string
}

/**
 * A choice this person made on one board (which view, which lane) remembered for this tab: it
 * survives a reload (sessionStorage), not a new tab, and is never written to the document.
 * `choices[0]` is the default; anything stored that is not one of `choices` is ignored.
 */
export function useTabMemory<T extends string>(key: string, choices: readonly T[], options: TabMemoryOptions = {}): [T, (next: T) => void] {
  const { hash } = options
  const [value, setValue] = useState<T>(() => readChoice(key, choices, hash))
  const remember = useCallback(
    (next: T) => {
      setValue(next)
      try {
        sessionStorage.setItem(key, next)
      } catch {
        // no storage (private mode): the choice lasts while the board is shown
      }
      if (hash) {
        const url = new URL(window.location.href)
        url.hash = next === choices[0] ? '' : `${hash}=${next}`
        window.history.replaceState(window.history.state, '', url)
      }
    },
    [key, choices, hash],
  )
  return [value, remember]
}

function readChoice<T extends string>(key: string, choices: readonly T[], hash: string | undefined): T {
  const known = (value: string | null | undefined): value is T => value != null && (choices as readonly string[]).includes(value)
  if (hash) {
    const fromHash = new URLSearchParams(window.location.hash.slice(1)).get(hash)
    if (known(fromHash)) return fromHash
  }
  try {
    const saved = sessionStorage.getItem(key)
    if (known(saved)) return saved
  } catch {
    // no storage: start on the default
  }
  return choices[0]!
}
