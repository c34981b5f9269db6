import { useEffect, useSyncExternalStore } from 'react'
import type { WorkshopStore } from '../store/WorkshopStore'

/**
 * The item a link asked to see (`/w/<id>?board=<board>&item=<item>`, from the knowledge bank, the
 * action register or a calendar event): held until the board showing it has selected it and
 * brought it into view, however late its records arrive from the server. One request at a time.
 */
let pending: string | null = null
const listeners = new Set<() => void>()

export function requestItemFocus(itemId: string | null): void {
  pending = itemId
  for (const listener of listeners) listener()
}

/** The `item=` of an address, when it looks like a record id. */
export function itemInAddress(search: string): string | null {
  const item = new URLSearchParams(search).get('item')
  return item && /^[A-Za-z0-9_-]{1,64}$/.test(item) ? item : null
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * Run by a board view: while an item is asked for and it is on this board, `focus` is tried (now,
 * on the next frame, and whenever the board's items change) until it answers true.
 */
export function useItemFocus(store: WorkshopStore, boardId: string, focus: (itemId: string) => boolean): void {
  const itemId = useSyncExternalStore(subscribe, () => pending)
  useEffect(() => {
    if (itemId === null) return
    let frame = 0
    const attempt = () => {
      if (pending !== itemId || store.getItem(itemId)?.boardId !== boardId) return
      if (focus(itemId)) requestItemFocus(null)
    }
    const unsubscribe = store.subscribe(`items:${boardId}`, () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(attempt)
    })
    frame = requestAnimationFrame(attempt)
    return () => {
      unsubscribe()
      cancelAnimationFrame(frame)
    }
  }, [store, boardId, itemId, focus])
}

/**
 * For boards drawn in HTML (the challenge board, the matrix): the element carrying the item's id is
 * scrolled to the middle, marked for a moment and given focus, so a keyboard or screen reader
 * user lands on it too.
 */
export function focusItemElement(itemId: string): boolean {
  const element = document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(itemId)}"], [data-item-id="${CSS.escape(itemId)}"]`)
  if (!element) return false
  element.scrollIntoView({ block: 'center', inline: 'center' })
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1')
  element.focus({ preventScroll: true })
  element.classList.add('item-focus-target')
  element.addEventListener('blur', () => element.classList.remove('item-focus-target'), { once: true })
  return true
}
