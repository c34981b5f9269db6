export interface FindableItem {
  id: string
  text: string
  createdAt: number
}

/**
 * The notes matching what the facilitator typed, newest first (the note to take down is usually
 * the one that just appeared). Nothing typed: the newest. Case does not matter; every word typed
 * must be in the text, in any order.
 */
export function findItems<T extends FindableItem>(items: readonly T[], query: string, limit: number): T[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean)
  const matches = words.length === 0 ? [...items] : items.filter((item) => {
    const text = item.text.toLocaleLowerCase()
    return words.every((word) => text.includes(word))
  })
  return matches.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1)).slice(0, limit)
}
