import { useEffect, type RefObject } from 'react'

/** Closes a popover on Escape or a press outside it; focus goes back to its button on Escape. */
export function useDismiss(
  open: boolean,
  container: RefObject<HTMLElement | null>,
  close: () => void,
  returnFocusTo?: RefObject<HTMLElement | null>,
  /** Escape belongs to something open inside the popover now (a nested popover or dialog). */
  escapeIsInside?: () => boolean,
): void {
  useEffect(() => {
    if (!open) return
    const onPointer = (e: PointerEvent) => {
      if (container.current && !container.current.contains(e.target as Node)) close()
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || escapeIsInside?.()) return
      e.stopPropagation()
      close()
      returnFocusTo?.current?.focus()
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey, true)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey, true)
    }
  }, [open, container, close, returnFocusTo, escapeIsInside])
}
