import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { ModalDialog } from '../ui/ModalDialog'

interface DeleteBoardDialogProps {
  title: string
  itemCount: number
  onConfirm: () => void
  onCancel: () => void
}

export function DeleteBoardDialog({ title, itemCount, onConfirm, onCancel }: DeleteBoardDialogProps) {
  const { t } = useTranslation('app')
  const titleId = useId()
  const bodyId = useId()
  return (
    <ModalDialog role="alertdialog" labelledBy={titleId} describedBy={bodyId} onCancel={onCancel}>
      <h2 id={titleId}>{t('boards.delete.title', { title })}</h2>
      <p id={bodyId}>
        {itemCount === 0 ? t('boards.delete.bodyEmpty') : t('boards.delete.body', { count: itemCount })}{' '}
        {t('boards.delete.undoHint')}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" autoFocus onClick={onCancel}>
          {t('boards.delete.cancel')}
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm}>
          {t('boards.delete.confirm')}
        </button>
      </div>
    </ModalDialog>
  )
}
