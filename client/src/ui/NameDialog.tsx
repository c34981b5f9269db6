import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { USER_NAME_MAX } from '../lib/userName'
import { ModalDialog } from './ModalDialog'

interface NameDialogProps {
  initialName: string
  guestName: string
  /** First visit: "Skip" keeps the guest name. Later: "Cancel" keeps the current one. */
  firstTime: boolean
  onDone: (name: string | null) => void
}

export function NameDialog({ initialName, guestName, firstTime, onDone }: NameDialogProps) {
  const { t } = useTranslation('app')
  const [name, setName] = useState(initialName)
  const titleId = useId()
  const hintId = useId()
  return (
    <ModalDialog labelledBy={titleId} describedBy={hintId} onCancel={() => onDone(null)} className="name-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault()
          onDone(name.trim() || (firstTime ? guestName : null))
        }}
      >
        <h2 id={titleId}>{t(firstTime ? 'name.titleFirst' : 'name.titleChange')}</h2>
        <p id={hintId}>{t('name.hint')}</p>
        <label className="field">
          <span className="field__label">{t('name.label')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={USER_NAME_MAX}
            placeholder={guestName}
            autoComplete="nickname"
            autoFocus
          />
        </label>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => onDone(null)}>
            {t(firstTime ? 'name.skip' : 'name.cancel')}
          </button>
          <button type="submit" className="button button--primary">
            {t(firstTime ? 'name.join' : 'name.save')}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
