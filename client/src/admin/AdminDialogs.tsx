import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AdminWorkshopRow, StaffMember } from '../../../shared/staff'
import { ModalDialog } from '../ui/ModalDialog'
import { StaffPicker } from '../staff/StaffPicker'
import { deleteAdminWorkshop, transferAdminWorkshop } from './adminApi'

/** "Delete for good?": what goes with it, and that people inside are disconnected. */
export function DeleteWorkshopDialog({ workshop, onDone }: { workshop: AdminWorkshopRow; onDone: (deleted: boolean) => void }) {
  const { t } = useTranslation('admin')
  const titleId = useId()
  const bodyId = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function confirm() {
    setBusy(true)
    const result = await deleteAdminWorkshop(workshop.id)
    setBusy(false)
    if (result.ok || result.status === 404) return onDone(true)
    setError(result.message ?? t('failedPlain'))
  }
  return (
    <ModalDialog labelledBy={titleId} describedBy={bodyId} role="alertdialog" onCancel={() => onDone(false)}>
      <h2 id={titleId}>{t('deleteTitle', { title: workshop.title })}</h2>
      <p id={bodyId}>{t('deleteBody')}</p>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => onDone(false)} autoFocus>
          {t('cancel')}
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void confirm()} data-testid="confirm-delete">
          {t('deleteConfirm')}
        </button>
      </div>
    </ModalDialog>
  )
}

/** Hands a workshop to another staff member; the previous owner stays as co-facilitator. */
export function TransferWorkshopDialog({ workshop, onDone }: { workshop: AdminWorkshopRow; onDone: (owner: StaffMember | null) => void }) {
  const { t } = useTranslation('admin')
  const titleId = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function transfer(person: StaffMember) {
    setBusy(true)
    const result = await transferAdminWorkshop(workshop.id, person.id)
    setBusy(false)
    if (result.ok) return onDone(person)
    setError(result.message ?? t('failedPlain'))
  }
  return (
    <ModalDialog labelledBy={titleId} onCancel={() => onDone(null)}>
      <h2 id={titleId}>{t('transferTitle', { title: workshop.title })}</h2>
      <p>{workshop.owner ? t('currentOwner', { name: workshop.owner.name }) : t('noOwner')}</p>
      <StaffPicker
        label={t('transferSearch')}
        hint={t('transferHint')}
        actionLabel={(person) => t('transferTo', { name: person.name })}
        exclude={workshop.owner ? [workshop.owner.id] : []}
        disabled={busy}
        onPick={(person) => void transfer(person)}
      />
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('cancel')}
        </button>
      </div>
    </ModalDialog>
  )
}
