import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { WORKSHOP_IMPORT_MAX_BYTES } from '../../../shared/export/workshopJson'
import { ModalDialog } from '../ui/ModalDialog'
import { navigate } from '../lib/navigation'
import { useBoards } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { downloadBlob } from './download'
import { importWorkshop } from './importWorkshop'
import { snapshotFromStore } from './workshopSnapshot'
import type { ExportKind } from './workshopExports'
import './export.css'

interface ExportDialogProps {
  store: WorkshopStore
  workshopId: string
  boardId: string | null
  onClose: () => void
}

type Status = { kind: 'idle' } | { kind: 'working' | 'done' | 'error'; text: string }

/** "Eksporter": minutes, spreadsheets, one board as PNG or PDF, the whole workshop as JSON, and import. */
export function ExportDialog({ store, workshopId, boardId, onClose }: ExportDialogProps) {
  const { t } = useTranslation('export')
  const boards = useBoards(store)
  const titleId = useId()
  const boardSelectId = useId()
  const [chosenBoard, setChosenBoard] = useState(boardId ?? boards[0]?.id ?? '')
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const fileInput = useRef<HTMLInputElement>(null)
  const busy = status.kind === 'working'

  async function run(kind: ExportKind) {
    const name = t(`formats.${kind}`)
    const snapshot = snapshotFromStore(store)
    if (!snapshot) {
      setStatus({ kind: 'error', text: t('status.failed', { message: t('status.notLoaded') }) })
      return
    }
    setStatus({ kind: 'working', text: t('status.working', { name }) })
    try {
      // pdf-lib and the generators load only when someone exports, not with the board.
      const { makeExport } = await import('./workshopExports')
      const file = await makeExport(kind, snapshot, workshopId, chosenBoard || null, new Date(), store.getSession().votes)
      downloadBlob(file.content, file.type, file.fileName)
      setStatus({ kind: 'done', text: t('status.done', { name: file.fileName }) })
    } catch (error) {
      console.error('export failed', error)
      setStatus({ kind: 'error', text: t('status.failed', { message: error instanceof Error ? error.message : String(error) }) })
    }
  }

  async function importFile(file: File) {
    if (file.size > WORKSHOP_IMPORT_MAX_BYTES) {
      setStatus({ kind: 'error', text: t('status.importFailed', { message: t('status.tooLarge', { mb: WORKSHOP_IMPORT_MAX_BYTES / 1024 / 1024 }) }) })
      return
    }
    setStatus({ kind: 'working', text: t('status.importing') })
    const result = await importWorkshop(await file.text())
    if (result.ok) {
      onClose()
      navigate({ page: 'workshop', workshopId: result.id, boardId: null })
      return
    }
    let message: string
    if (result.kind === 'network') message = ''
    else if (result.kind === 'notJson') message = t('status.notJson')
    else if (result.kind === 'tooMany') message = t('status.tooMany', { count: Math.ceil(result.retryAfterSeconds / 60) })
    else message = result.message
    const text = result.kind === 'network' ? t('status.importNetwork') : t('status.importFailed', { message })
    setStatus({ kind: 'error', text })
  }

  const button = (kind: ExportKind, disabled = false) => (
    <button type="button" className="button export-dialog__format" disabled={busy || disabled} onClick={() => void run(kind)}>
      {t(`formats.${kind}`)}
    </button>
  )

  return (
    <ModalDialog labelledBy={titleId} onCancel={onClose} className="export-dialog modal--tall">
      <h2 id={titleId}>{t('title')}</h2>
      <p>{t('intro')}</p>

      <section className="export-dialog__section" aria-labelledby={`${titleId}-minutes`}>
        <h3 id={`${titleId}-minutes`}>{t('sections.minutes')}</h3>
        <div className="export-dialog__row">
          {button('markdown')}
          {button('html')}
          {button('report')}
        </div>
      </section>

      <section className="export-dialog__section" aria-labelledby={`${titleId}-csv`}>
        <h3 id={`${titleId}-csv`}>{t('sections.spreadsheets')}</h3>
        <div className="export-dialog__row">
          {button('stakeholdersCsv')}
          {button('actionsCsv')}
          {button('notesCsv')}
        </div>
        <p className="export-dialog__hint">{t('csvHint')}</p>
      </section>

      <section className="export-dialog__section" aria-labelledby={`${titleId}-board`}>
        <h3 id={`${titleId}-board`}>{t('sections.board')}</h3>
        <div className="export-dialog__row">
          <label className="export-dialog__board" htmlFor={boardSelectId}>
            <span>{t('boardLabel')}</span>
            <select id={boardSelectId} value={chosenBoard} onChange={(e) => setChosenBoard(e.target.value)} disabled={boards.length === 0}>
              {boards.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.title}
                </option>
              ))}
            </select>
          </label>
          {button('png', !chosenBoard)}
          {button('pdf', !chosenBoard)}
        </div>
      </section>

      <section className="export-dialog__section" aria-labelledby={`${titleId}-all`}>
        <h3 id={`${titleId}-all`}>{t('sections.workshop')}</h3>
        <div className="export-dialog__row">{button('json')}</div>
        <h4 className="export-dialog__subheading">{t('importHeading')}</h4>
        <p className="export-dialog__hint">{t('importHint')}</p>
        <div className="export-dialog__row">
          <button type="button" className="button" disabled={busy} onClick={() => fileInput.current?.click()}>
            {t('importButton')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            className="export-dialog__file"
            aria-label={t('importButton')}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0]
              e.currentTarget.value = ''
              if (file) void importFile(file)
            }}
          />
        </div>
      </section>

      <p role="status" aria-live="polite" className={`export-dialog__status export-dialog__status--${status.kind}`}>
        {status.kind === 'idle' ? '' : status.text}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </ModalDialog>
  )
}
