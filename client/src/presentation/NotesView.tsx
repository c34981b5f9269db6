import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../i18n/format'
import { gridFor } from './notesGrid'
import type { StageItem } from './useStageItems'

/** Text up to this long gets the largest type; longer notes step down to the smallest, ≥ 24 px. */
const SHORT = 40
const MEDIUM = 100

/**
 * The notes wall: newest first (what just came in is where eyes land), as many as fit at a size
 * readable from the back of a hall, and pages for the rest (Page Down / Page Up, or the buttons).
 */
export function NotesView({ items }: { items: readonly StageItem[] }) {
  const { t } = useTranslation('presentation')
  const wall = useRef<HTMLOListElement>(null)
  const [box, setBox] = useState({ w: 1840, h: 820 })
  const [page, setPage] = useState(0)

  const empty = items.length === 0
  useLayoutEffect(() => {
    const element = wall.current
    if (!element) return
    const measure = () => {
      const next = { w: element.clientWidth, h: element.clientHeight }
      setBox((current) => (current.w === next.w && current.h === next.h ? current : next))
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [empty])

  const full = gridFor(box.w, box.h, Number.MAX_SAFE_INTEGER)
  const perPage = full.columns * full.rows
  const grid = gridFor(box.w, box.h, Math.min(items.length, perPage))
  const pages = Math.max(1, Math.ceil(items.length / perPage))
  const shown = Math.min(page, pages - 1)
  const newestFirst = [...items].reverse()
  const onPage = newestFirst.slice(shown * perPage, (shown + 1) * perPage)

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return
      if (e.key === 'PageDown' || e.key === 'ArrowDown') setPage(Math.min(pages - 1, shown + 1))
      else if (e.key === 'PageUp' || e.key === 'ArrowUp') setPage(Math.max(0, shown - 1))
      else return
      e.preventDefault()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [pages, shown])

  return (
    <div className="pres-notes">
      {empty ? (
        <p className="pres-empty" data-testid="presentation-no-notes">
          {t('notes.none')}
        </p>
      ) : (
        <ol
          ref={wall}
          className="pres-notes__wall"
          style={{ gridTemplateColumns: `repeat(${grid.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${grid.rows}, ${grid.rowHeight}px)` }}
          aria-label={t('notes.wall', { count: items.length })}
          data-testid="presentation-notes"
        >
          {onPage.map((item) => (
            <li
              key={item.id}
              className={`pres-note pres-note--${item.color ?? 'card'} pres-note--${item.text.length <= SHORT ? 'short' : item.text.length <= MEDIUM ? 'medium' : 'long'}`}
              data-testid="presentation-note"
            >
              <p className="pres-note__text">{item.text.trim() || t('notes.empty')}</p>
            </li>
          ))}
        </ol>
      )}
      {pages > 1 && (
        <div className="pres-notes__pages">
          <button type="button" className="pres-button" onClick={() => setPage(shown - 1)} disabled={shown === 0}>
            {t('notes.previous')}
          </button>
          <span data-testid="presentation-page">{t('notes.page', { page: formatNumber(shown + 1), pages: formatNumber(pages) })}</span>
          <button type="button" className="pres-button" onClick={() => setPage(shown + 1)} disabled={shown === pages - 1}>
            {t('notes.next')}
          </button>
        </div>
      )}
    </div>
  )
}

/** Private writing: how many notes are in (their text stays on the server until the reveal). */
export function WritingView({ notes, authors, known }: { notes: number; authors: number; known: boolean }) {
  const { t } = useTranslation('presentation')
  return (
    <div className="pres-writing" data-testid="presentation-writing">
      {known ? (
        <>
          <p className="pres-writing__count" data-testid="presentation-writing-count">
            <span className="pres-writing__number">{formatNumber(notes)}</span> <span className="pres-writing__unit">{t('writing.notes', { count: notes })}</span>
          </p>
          {authors > 0 && <p className="pres-writing__authors">{t('writing.authors', { count: authors })}</p>}
        </>
      ) : (
        <p className="pres-writing__count">{t('writing.going')}</p>
      )}
      <p className="pres-writing__hint">{t('writing.hint')}</p>
    </div>
  )
}
