import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { commandErrorText } from '../ui/commandErrorText'
import { ModalDialog } from '../ui/ModalDialog'
import type { PhoneStore } from '../store/PhoneStore'
import type { NoteOutbox } from './useNoteOutbox'

interface EraseMyDataProps {
  store: PhoneStore
  outbox: NoteOutbox
  /** Forgets the nickname on this device; the person shows as a guest from then on. */
  onNameErased: () => void
}

type Outcome = { kind: 'done'; erased: number } | { kind: 'failed'; reason: string } | null

/**
 * A resident's right to erasure, on their phone (the privacy page tells them it is here): after
 * confirming, the server erases every note they wrote (`own.erase`, checked against their
 * participant id), then the phone forgets their nickname and the notes still waiting on it. If the
 * server says no or cannot be reached, nothing is erased anywhere and the person is told why.
 */
export function EraseMyData({ store, outbox, onNameErased }: EraseMyDataProps) {
  const { t } = useTranslation('phone')
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const titleId = useId()
  const bodyId = useId()

  async function erase() {
    setConfirming(false)
    setBusy(true)
    setOutcome(null)
    const reply = await store.control.send({ type: 'own.erase' })
    setBusy(false)
    if (!reply.ok) {
      setOutcome({ kind: 'failed', reason: commandErrorText(t, reply) })
      return
    }
    const waiting = outbox.waiting.map((note) => note.noteId)
    for (const noteId of waiting) outbox.discard(noteId)
    onNameErased()
    setOutcome({ kind: 'done', erased: reply.result.erased + waiting.length })
  }

  return (
    <div className="phone-erase">
      <button type="button" className="button phone-erase__button" disabled={busy} onClick={() => setConfirming(true)} data-testid="phone-erase">
        {busy ? t('erase.working') : t('erase.button')}
      </button>
      <div role="status">
        {outcome?.kind === 'done' && (
          <p className="phone-note phone-note--info" data-testid="phone-erase-done">
            {t('erase.done', { count: outcome.erased })}
          </p>
        )}
      </div>
      <div role="alert">{outcome?.kind === 'failed' && <p className="phone-note phone-note--error">{t('erase.failed', { reason: outcome.reason })}</p>}</div>
      {confirming && (
        <ModalDialog labelledBy={titleId} describedBy={bodyId} onCancel={() => setConfirming(false)} role="alertdialog">
          <h2 id={titleId}>{t('erase.title')}</h2>
          <p id={bodyId}>{t('erase.body')}</p>
          <div className="dialog-actions">
            <button type="button" className="button" autoFocus onClick={() => setConfirming(false)}>
              {t('erase.keep')}
            </button>
            <button type="button" className="button button--danger" onClick={() => void erase()} data-testid="phone-confirm-erase">
              {t('erase.confirm')}
            </button>
          </div>
        </ModalDialog>
      )}
    </div>
  )
}
