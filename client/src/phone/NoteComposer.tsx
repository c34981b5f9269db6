import { useEffect, useEffectEvent, useId, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SubmitOutcome } from '../../../shared/facilitation/commands'
import { commandErrorText } from '../ui/commandErrorText'
import { takeStaticNoteBox, type StaticNoteBox } from './staticNoteBox'
import type { NoteOutbox } from './useNoteOutbox'

/** How long "where it went" stays: long enough to read twice. */
const INFO_FOR_MS = 12_000
/** The counter shows from this many characters before the limit. */
const COUNTER_FROM = 100

type Status = { tone: 'info'; text: string } | { tone: 'error'; text: string } | null

interface NoteComposerProps {
  outbox: NoteOutbox
  /** What is in the box: kept by the page, so the box may come and go (a refusal) without losing it. */
  text: string
  onTextChange: (text: string) => void
  /** The longest note the target board takes. */
  limit: number
  boardTitle: string
  /** Why no note can be added now (a locked board; '' when said elsewhere), or null. Text already in the box stays readable. */
  blocked: string | null
  userName: string
  onChangeName: () => void
  /** Status of notes sent later, when the connection came back; shown in the same place. */
  laterStatus: string | null
  /** Changes when the facilitator moves the session on (a phase, a vote): an old "thank you" goes. */
  moment: string
}

/**
 * A large box for one note, and where it went: onto the board, kept private, waiting for approval,
 * or kept on the phone until the connection returns. What was typed is never lost: a refused note
 * stays in the box.
 */
export function NoteComposer({ outbox, text, onTextChange: setText, limit, boardTitle, blocked, userName, onChangeName, laterStatus, moment }: NoteComposerProps) {
  const { t } = useTranslation('phone')
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState<Status>(null)
  const textArea = useRef<HTMLTextAreaElement>(null)
  const textId = useId()
  const counterId = useId()
  const statusId = useId()
  const trimmed = text.trim()
  const left = limit - text.length
  const showCounter = left <= COUNTER_FROM

  async function add(note = text) {
    if (busy || blocked || note.trim() === '' || note.length > limit) return
    setBusy(true)
    setStatus(null)
    const result = await outbox.submit(note)
    setBusy(false)
    if (result.kind === 'failed') {
      setStatus({ tone: 'error', text: commandErrorText(t, result.error) })
      textArea.current?.focus()
      return
    }
    setText('')
    setStatus({ tone: 'info', text: result.kind === 'saved' ? t('compose.savedOffline') : outcomeText(result.outcome, boardTitle, t) })
    textArea.current?.focus()
  }

  // The box in the HTML (phone.html) was there first: its text, caret and focus carry over before
  // the browser paints, and an "add" tapped there before the app had started is sent now, once.
  const adopt = useEffectEvent(({ box: from, focused, submitted }: StaticNoteBox) => {
    const box = textArea.current
    if (!box) return
    // Set on the element too, so React finds the value already there and leaves the caret alone.
    box.value = from.value
    setText(from.value)
    if (focused) {
      box.focus({ preventScroll: true })
      box.setSelectionRange(from.selectionStart, from.selectionEnd, from.selectionDirection)
    }
    if (submitted) void add(from.value)
  })
  useLayoutEffect(() => {
    const taken = takeStaticNoteBox()
    if (taken) adopt(taken)
  }, [])

  // A thank-you is read once; it should not still stand there three questions later.
  useEffect(() => {
    if (status?.tone !== 'info') return
    const timer = window.setTimeout(() => setStatus(null), INFO_FOR_MS)
    return () => window.clearTimeout(timer)
  }, [status])

  useEffect(() => {
    setStatus((current) => (current?.tone === 'info' ? null : current))
  }, [moment])

  const shown: Status = status ?? (laterStatus ? { tone: 'info', text: laterStatus } : null)
  return (
    <form
      className="phone-card phone-compose"
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault()
        void add()
      }}
    >
      <label htmlFor={textId} className="phone-compose__label">
        {t('compose.label')}
      </label>
      <textarea
        id={textId}
        ref={textArea}
        className="phone-compose__text"
        value={text}
        maxLength={limit}
        rows={4}
        readOnly={busy || blocked !== null}
        disabled={blocked !== null && text === ''}
        onChange={(e) => {
          setText(e.target.value)
          if (status?.tone === 'info') setStatus(null)
        }}
        aria-describedby={[showCounter ? counterId : '', shown ? statusId : ''].filter(Boolean).join(' ') || undefined}
        data-testid="phone-note-text"
      />
      <p id={counterId} className={`phone-compose__counter${left <= 0 ? ' phone-compose__counter--full' : ''}`} aria-live="polite">
        {showCounter ? t('compose.counter', { count: Math.max(0, left) }) : ''}
      </p>
      {blocked && <p className="phone-note phone-note--warning">{blocked}</p>}
      <div className="phone-compose__actions">
        <p className="phone-compose__who">
          {t('compose.writingAs', { name: userName })}{' '}
          <button type="button" className="phone-link-button" onClick={onChangeName}>
            {t('compose.changeName')}
          </button>
        </p>
        <button type="submit" className="button button--primary phone-compose__add" disabled={blocked !== null || trimmed === ''} data-testid="phone-note-add">
          {busy ? t('compose.sending') : t('compose.add')}
        </button>
      </div>
      {/* Two regions, each always there: a live region is only announced when its content changes. */}
      <div id={statusId} data-testid="phone-note-status">
        <div role="status">{shown?.tone === 'info' && <p className="phone-note phone-note--done">{shown.text}</p>}</div>
        <div role="alert">{shown?.tone === 'error' && <p className="phone-note phone-note--error">{shown.text}</p>}</div>
      </div>
    </form>
  )
}

export function outcomeText(outcome: SubmitOutcome, boardTitle: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (outcome) {
    case 'public':
      return t('compose.sentPublic', { board: boardTitle })
    case 'private':
      return t('compose.sentPrivate')
    case 'queued':
      return t('compose.sentQueued')
  }
}
