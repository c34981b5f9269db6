import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HeldNote } from '../../../shared/facilitation/commands'
import { laneFor, noteTextLimit } from '../../../shared/facilitation/reveal'
import type { BoardRecord } from '../../../shared/schema/records/board'
import { NOTE_TEXT_MAX } from '../../../shared/schema/records/note'
import type { WritingPhase } from '../../../shared/schema/records/session'
import { useHeld, useMine } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { commandErrorText } from '../ui/commandErrorText'
import { sessionBus } from './sessionBus'
import { sessionIcons } from './sessionIcons'

type PrivatePhase = Extract<WritingPhase, { kind: 'private' }>

interface PrivateWritingNoticeProps {
  store: WorkshopStore
  board: BoardRecord
  phase: PrivatePhase
  role: 'facilitator' | 'participant' | 'observer'
  /** The board is locked as well: nothing can be written now. */
  locked: boolean
}

/**
 * Private writing on the board shown. Participants write here instead of on the board (the server
 * holds their notes, seen by nobody else, until the facilitator reveals them all at once) and see,
 * edit or withdraw what they wrote. The facilitator sees how many notes and writers there are.
 */
export function PrivateWritingNotice({ store, board, phase, role, locked }: PrivateWritingNoticeProps) {
  const { t } = useTranslation('session')
  if (role === 'facilitator') return <FacilitatorProgress store={store} />
  return (
    <div className="session-notice session-notice--private" data-testid="private-notice">
      <span className="session-notice__icon">{sessionIcons.eyeOff}</span>
      <div className="session-notice__body">
        <p className="session-notice__text">
          <strong>{t('private.title')}</strong> {role === 'observer' ? t('private.observer') : t('private.explain')}
        </p>
        {role === 'participant' && !locked && <PrivateComposer store={store} board={board} phase={phase} />}
      </div>
    </div>
  )
}

function FacilitatorProgress({ store }: { store: WorkshopStore }) {
  const { t } = useTranslation('session')
  const held = useHeld(store)
  return (
    <div className="session-notice session-notice--private" data-testid="private-notice">
      <span className="session-notice__icon">{sessionIcons.eyeOff}</span>
      <p className="session-notice__text" aria-live="polite">
        <strong>{t('private.title')}</strong> {t('private.progress', { count: held.privateNotes, authors: t('private.authors', { count: held.privateAuthors }) })}
      </p>
    </div>
  )
}

function PrivateComposer({ store, board, phase }: { store: WorkshopStore; board: BoardRecord; phase: PrivatePhase }) {
  const { t } = useTranslation('session')
  const { t: tc } = useTranslation('challenges')
  const mine = useMine(store)
  const [text, setText] = useState('')
  const [sending, setSending] = useState(false)
  const [open, setOpen] = useState(false)
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const inputId = useId()
  const listId = useId()
  const limit = noteTextLimit(board, NOTE_TEXT_MAX)
  const notes = mine.notes.filter((note) => note.status === 'private' && note.phaseId === phase.id)
  const where = board.template === 'challengeBoard' ? tc(`lanes.${laneFor(phase.lane)}.name`) : null

  // "New note" on the board goes here while private writing runs.
  useEffect(
    () =>
      sessionBus(store).onComposerRequest(() => {
        inputRef.current?.focus()
        inputRef.current?.scrollIntoView({ block: 'nearest' })
      }),
    [store],
  )

  const submit = async () => {
    const trimmed = text.trim()
    if (trimmed === '' || sending) return
    setSending(true)
    const outcome = await store.control.send({ type: 'note.submit', noteId: store.newId(), text: trimmed })
    setSending(false)
    if (!outcome.ok) {
      sessionBus(store).toast(commandErrorText(t, outcome))
      return
    }
    setText('')
    setOpen(true)
    sessionBus(store).announce(t('private.added'))
    inputRef.current?.focus()
  }

  return (
    <div className="private-composer">
      <form
        className="private-composer__form"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <label className="visually-hidden" htmlFor={inputId}>
          {where ? t('private.inputLabelLane', { lane: where }) : t('private.inputLabel')}
        </label>
        <textarea
          ref={inputRef}
          id={inputId}
          className="private-composer__input"
          rows={1}
          value={text}
          maxLength={limit}
          placeholder={where ? t('private.placeholderLane', { lane: where }) : t('private.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault()
              void submit()
            }
          }}
          data-testid="private-input"
        />
        <button type="submit" className="button button--primary" disabled={text.trim() === '' || sending} data-testid="private-add">
          {sending ? t('private.sending') : t('private.add')}
        </button>
      </form>
      {notes.length > 0 && (
        <div className="private-composer__mine">
          <button type="button" className="button button--quiet private-composer__toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)} data-testid="private-mine-toggle">
            {t('private.mine', { count: notes.length })}
          </button>
          <ul id={listId} className="private-composer__list" hidden={!open} data-testid="private-mine">
            {notes.map((note) => (
              <PrivateNoteRow key={note.id} store={store} note={note} limit={limit} />
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}

function PrivateNoteRow({ store, note, limit }: { store: WorkshopStore; note: HeldNote; limit: number }) {
  const { t } = useTranslation('session')
  const [draft, setDraft] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const editId = useId()

  const save = async () => {
    if (draft === null) return
    const trimmed = draft.trim()
    if (trimmed === '' || trimmed === note.text) {
      setDraft(null)
      return
    }
    setBusy(true)
    const outcome = await store.control.send({ type: 'note.edit', noteId: note.id, text: trimmed })
    setBusy(false)
    if (!outcome.ok) sessionBus(store).toast(commandErrorText(t, outcome))
    else setDraft(null)
  }
  const withdraw = async () => {
    setBusy(true)
    const outcome = await store.control.send({ type: 'note.withdraw', noteId: note.id })
    setBusy(false)
    if (!outcome.ok) sessionBus(store).toast(commandErrorText(t, outcome))
    else sessionBus(store).announce(t('private.withdrawn'))
  }

  return (
    <li className="private-note" data-testid="private-note">
      {draft === null ? (
        <>
          <p className="private-note__text">{note.text}</p>
          <div className="private-note__actions">
            <button type="button" className="button" disabled={busy} onClick={() => setDraft(note.text)} aria-label={t('private.editLabel', { text: note.text })}>
              {t('private.edit')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void withdraw()} aria-label={t('private.withdrawLabel', { text: note.text })}>
              {t('private.withdraw')}
            </button>
          </div>
        </>
      ) : (
        <form
          className="private-note__edit"
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <label className="visually-hidden" htmlFor={editId}>
            {t('private.editField')}
          </label>
          <textarea
            id={editId}
            className="private-composer__input"
            value={draft}
            maxLength={limit}
            rows={2}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault()
                setDraft(null)
              } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault()
                void save()
              }
            }}
          />
          <div className="private-note__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('private.save')}
            </button>
            <button type="button" className="button" onClick={() => setDraft(null)}>
              {t('private.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  )
}
