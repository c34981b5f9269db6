import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { hasText, type BoardNote } from './useBoardNotes'

/** Notes shown at first and per "show more": an old phone lists three hundred notes, but need not draw them all at once. */
const PAGE = 30

/** "The notes so far": what is on the board the notes go to, newest first. */
export function NotesSoFar({ notes, boardTitle, laneName }: { notes: readonly BoardNote[]; boardTitle: string; laneName: string | null }) {
  const { t } = useTranslation('phone')
  const headingId = useId()
  const [shown, setShown] = useState(PAGE)
  const newestFirst = useMemo(() => notes.filter(hasText).reverse(), [notes])
  const visible = newestFirst.slice(0, shown)
  return (
    <section className="phone-card" aria-labelledby={headingId} data-testid="phone-notes">
      <h2 id={headingId} className="phone-card__heading">
        {t('notes.heading')} <span className="phone-count">({newestFirst.length})</span>
      </h2>
      <p className="phone-card__sub">{laneName ? t('notes.whereLane', { lane: laneName, board: boardTitle }) : t('notes.where', { board: boardTitle })}</p>
      {newestFirst.length === 0 ? (
        <p className="phone-empty">{t('notes.empty')}</p>
      ) : (
        <ul className="phone-list phone-list--notes">
          {visible.map((note) => (
            <li key={note.id} className="phone-board-note" data-testid="phone-board-note">
              {note.text}
            </li>
          ))}
        </ul>
      )}
      {newestFirst.length > shown && (
        <button type="button" className="button phone-more" onClick={() => setShown((n) => n + PAGE)}>
          {t('notes.more', { count: Math.min(PAGE, newestFirst.length - shown) })}
        </button>
      )}
    </section>
  )
}
