import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isBound } from '../../../shared/logic/connectors'
import type { CanvasItem } from '../../../shared/logic/canvasItems'
import './connectPopover.css'

/**
 * Drawing an arrow, or moving one of its ends, without dragging (WCAG 2.2, 2.5.7). With one item
 * selected: a list of everything else an arrow can point to, and one click draws the arrow. With one
 * arrow selected: where each end is bound, changed by picking another item.
 */
export interface ConnectChoices {
  /** The one selected item: a note, shape, text or image to draw from, or an arrow to re-bind. */
  selected: CanvasItem
  /** Items an arrow end can bind to, in reading order: asked when the list opens, not on every render. */
  listTargets(): readonly CanvasItem[]
  onConnect(targetId: string): void
  onBindEnd(which: 'from' | 'to', targetId: string): void
  onClose(): void
}

const LABEL_MAX = 60

/** "Note: Flere benker langs elva", short enough for a list, never empty. */
export function useTargetLabel(): (item: CanvasItem) => string {
  const { t } = useTranslation('canvas')
  return (item) => {
    const raw = item.kind === 'image' ? item.alt : 'text' in item ? item.text : ''
    const oneLine = raw.replace(/\s+/g, ' ').trim()
    const text = oneLine === '' ? t('connect.untitled') : oneLine.length > LABEL_MAX ? `${oneLine.slice(0, LABEL_MAX - 1)}…` : oneLine
    return t(`connect.kinds.${item.kind}`, { text })
  }
}

export function ConnectPopover({ selected, listTargets, onConnect, onBindEnd, onClose }: ConnectChoices) {
  const { t } = useTranslation('canvas')
  const label = useTargetLabel()
  const headingId = useId()
  // Read once when the list opens (a board may hold thousands of items).
  const [targets] = useState(listTargets)
  const others = targets.filter((item) => item.id !== selected.id)
  const keys = (e: React.KeyboardEvent) => {
    e.stopPropagation()
    if (e.key === 'Escape') onClose()
  }
  if (selected.kind === 'connector') {
    const end = (which: 'from' | 'to') => {
      const current = selected[which]
      const value = isBound(current) ? current.itemId : ''
      return (
        <label className="sk-connect__end">
          <span>{t(`connect.${which}`)}</span>
          <select value={value} onChange={(e) => e.target.value && onBindEnd(which, e.target.value)} data-testid={`arrow-${which}`}>
            {value === '' && <option value="">{t('connect.free')}</option>}
            {targets.map((item) => (
              <option key={item.id} value={item.id}>
                {label(item)}
              </option>
            ))}
          </select>
        </label>
      )
    }
    return (
      <div className="sk-popover sk-connect" role="dialog" aria-labelledby={headingId} onKeyDown={keys} data-testid="arrow-ends">
        <h2 id={headingId}>{t('connect.endsTitle')}</h2>
        {end('from')}
        {end('to')}
        <button type="button" className="sk-connect__close" onClick={onClose}>
          {t('connect.done')}
        </button>
      </div>
    )
  }
  return (
    <div className="sk-popover sk-connect" role="dialog" aria-labelledby={headingId} onKeyDown={keys} data-testid="connect-to">
      <h2 id={headingId}>{t('connect.title', { from: label(selected) })}</h2>
      {others.length === 0 ? (
        <p className="sk-connect__empty">{t('connect.none')}</p>
      ) : (
        <ul className="sk-connect__list">
          {others.map((item) => (
            <li key={item.id}>
              <button type="button" className="sk-connect__target" onClick={() => onConnect(item.id)}>
                {label(item)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="sk-connect__close" onClick={onClose}>
        {t('connect.cancel')}
      </button>
    </div>
  )
}
