import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HeldNote } from '../../../shared/facilitation/commands'
import { ModalDialog } from '../ui/ModalDialog'
import type { PhoneStore } from '../store/PhoneStore'
import { commandErrorText, type CommandFailure } from '../ui/commandErrorText'
import { HourglassIcon, LockIcon, OfflineIcon, WarningIcon } from './icons'
import type { OutboxNote } from './noteOutbox'
import type { NoteOutbox } from './useNoteOutbox'

/** One of the person's own notes that is not on the board (yet), wherever it waits. */
type OwnNote =
  | { where: 'server'; id: string; text: string; status: HeldNote['status']; boardId: string; createdAt: number }
  | { where: 'phone'; id: string; text: string; failure: string; createdAt: number }

interface MyNotesProps {
  store: PhoneStore
  held: readonly HeldNote[]
  outbox: NoteOutbox
  /** The longest text a note may have, by the board it is for. */
  limitFor: (boardId: string | null) => number
}

/**
 * "My notes": what the person wrote that nobody else sees yet — private until the reveal, waiting
 * for approval, or still on the phone for want of a connection. Each can be changed or taken back
 * until it reaches the board.
 */
export function MyNotes({ store, held, outbox, limitFor }: MyNotesProps) {
  const { t } = useTranslation('phone')
  const headingId = useId()
  const notes: OwnNote[] = [
    ...outbox.waiting.map((n: OutboxNote): OwnNote => ({ where: 'phone', id: n.noteId, text: n.text, failure: n.failure, createdAt: n.createdAt })),
    ...held
      .filter((n) => n.status !== 'hidden')
      .map((n): OwnNote => ({ where: 'server', id: n.id, text: n.text, status: n.status, boardId: n.boardId, createdAt: n.createdAt })),
  ].sort((a, b) => b.createdAt - a.createdAt)
  if (notes.length === 0) return null
  return (
    <section className="phone-card" aria-labelledby={headingId} data-testid="phone-mine">
      <h2 id={headingId} className="phone-card__heading">
        {t('mine.heading')} <span className="phone-count">({notes.length})</span>
      </h2>
      <ul className="phone-list">
        {notes.map((note) => (
          <OwnNoteItem key={note.id} note={note} store={store} outbox={outbox} limit={limitFor(note.where === 'server' ? note.boardId : null)} />
        ))}
      </ul>
    </section>
  )
}

function OwnNoteItem({ note, store, outbox, limit }: { note: OwnNote; store: PhoneStore; outbox: NoteOutbox; limit: number }) {
  const { t } = useTranslation('phone')
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(note.text)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const editButton = useRef<HTMLButtonElement>(null)
  const editId = useId()
  const titleId = useId()
  const bodyId = useId()

  async function save() {
    const text = draft.trim()
    if (text === '' || busy) return
    if (note.where === 'phone') {
      outbox.edit(note.id, text)
      finishEditing()
      return
    }
    setBusy(true)
    const reply = await store.control.send({ type: 'note.edit', noteId: note.id, text })
    setBusy(false)
    if (reply.ok) finishEditing()
    else setError(reply.error === 'notFound' ? t('mine.gone') : commandErrorText(t, reply.error))
  }

  async function withdraw() {
    setConfirming(false)
    if (note.where === 'phone') {
      outbox.discard(note.id)
      return
    }
    setBusy(true)
    const reply = await store.control.send({ type: 'note.withdraw', noteId: note.id })
    setBusy(false)
    if (!reply.ok) setError(reply.error === 'notFound' ? t('mine.gone') : commandErrorText(t, reply.error))
  }

  function finishEditing() {
    setEditing(false)
    setError(null)
    window.requestAnimationFrame(() => editButton.current?.focus())
  }

  return (
    <li className="phone-own" data-testid="phone-own-note">
      <p className={`phone-own__status phone-own__status--${statusClass(note)}`}>
        <StatusIcon note={note} />
        {note.where === 'phone'
          ? note.failure
            ? t('mine.statusFailed', { reason: commandErrorText(t, note.failure as CommandFailure) })
            : t('mine.statusOffline')
          : note.status === 'private'
            ? t('mine.statusPrivate')
            : t('mine.statusQueued')}
      </p>
      {editing ? (
        <form
          className="phone-own__edit"
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <label htmlFor={editId} className="visually-hidden">
            {t('mine.editLabel')}
          </label>
          <textarea id={editId} className="phone-compose__text" value={draft} maxLength={limit} rows={3} autoFocus onChange={(e) => setDraft(e.target.value)} />
          <div className="phone-own__actions">
            <button type="button" className="button" onClick={finishEditing}>
              {t('mine.cancel')}
            </button>
            <button type="submit" className="button button--primary" disabled={draft.trim() === '' || busy}>
              {busy ? t('mine.saving') : t('mine.save')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="phone-own__text">{note.text}</p>
          <div className="phone-own__actions">
            {note.where === 'phone' && note.failure !== '' && (
              <button type="button" className="button button--primary" onClick={() => outbox.edit(note.id, note.text)}>
                {t('mine.retry')}
              </button>
            )}
            <button
              ref={editButton}
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                setDraft(note.text)
                setError(null)
                setEditing(true)
              }}
            >
              {t('mine.edit')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setConfirming(true)}>
              {note.where === 'phone' ? t('mine.discard') : t('mine.withdraw')}
            </button>
          </div>
        </>
      )}
      <div role="alert">{error && <p className="phone-note phone-note--error">{error}</p>}</div>
      {confirming && (
        <ModalDialog labelledBy={titleId} describedBy={bodyId} onCancel={() => setConfirming(false)} role="alertdialog">
          <h2 id={titleId}>{note.where === 'phone' ? t('mine.confirmDiscardTitle') : t('mine.confirmWithdrawTitle')}</h2>
          <p id={bodyId} className="phone-own__quote">
            {t('mine.confirmBody', { text: excerpt(note.text) })}
          </p>
          <div className="dialog-actions">
            <button type="button" className="button" autoFocus onClick={() => setConfirming(false)}>
              {t('mine.keep')}
            </button>
            <button type="button" className="button button--danger" onClick={() => void withdraw()} data-testid="phone-confirm-withdraw">
              {note.where === 'phone' ? t('mine.discard') : t('mine.withdraw')}
            </button>
          </div>
        </ModalDialog>
      )}
    </li>
  )
}

function statusClass(note: OwnNote): string {
  if (note.where === 'phone') return note.failure ? 'failed' : 'offline'
  return note.status
}

function StatusIcon({ note }: { note: OwnNote }) {
  if (note.where === 'phone') return note.failure ? <WarningIcon /> : <OfflineIcon />
  return note.status === 'private' ? <LockIcon /> : <HourglassIcon />
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat
}
