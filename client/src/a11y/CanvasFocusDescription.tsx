import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReadingItem } from '../../../shared/logic/readingOrder'
import { readingPosition } from '../canvas/canvasKeyboard'
import { useItem } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'

interface CanvasFocusDescriptionProps {
  store: WorkshopStore
  /** The one selected item, which is the keyboard focus on the canvas; null for none. */
  focusedId: string | null
  /** The board's items with their rects, read when the focus moves. */
  readingItems: () => ReadingItem[]
  /** Id for the keyboard hint the canvas points at with aria-describedby. */
  hintId: string
}

/**
 * Says which item has the canvas's keyboard focus ("Lapp 2 av 5: Trygg skolevei") through a
 * polite live region, since the items themselves are pixels no screen reader can reach.
 */
export function CanvasFocusDescription({ store, focusedId, readingItems, hintId }: CanvasFocusDescriptionProps) {
  const { t } = useTranslation('a11y')
  const item = useItem(store, focusedId ?? '')
  // Position only when the focus moves: reading order over every item is not for every render.
  const place = useMemo(() => (focusedId ? readingPosition(readingItems(), focusedId) : null), [focusedId, readingItems])
  let text = ''
  if (item && place) {
    const body = 'text' in item && typeof item.text === 'string' ? item.text.trim().replace(/\s+/g, ' ') : ''
    const kind = t(`kind.${item.kind}`)
    text = body ? t('canvas.focused', { kind, ...place, text: body }) : t('canvas.focusedEmpty', { kind, ...place })
  }
  return (
    <>
      <span id={hintId} className="visually-hidden">
        {t('canvas.label')}
      </span>
      <p className="visually-hidden" aria-live="polite" data-testid="canvas-focus-description">
        {text}
      </p>
    </>
  )
}
