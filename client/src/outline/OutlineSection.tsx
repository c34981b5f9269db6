import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardRecord, BoardTemplate } from '../../../shared/schema/records/board'
import type { OutlineMessage } from './useOutline'
import { outlineHeadingId } from './outlineIds'

/** The outline's frame: one heading naming the board (focus lands here on switching), a short how-to, the content. */
export function OutlineSection({ board, kind, children }: { board: BoardRecord; kind: BoardTemplate; children: ReactNode }) {
  const { t } = useTranslation('outline')
  return (
    <section className="ol" aria-labelledby={outlineHeadingId(board.id)} data-testid="board-outline" data-template={kind}>
      <h2 id={outlineHeadingId(board.id)} tabIndex={-1} className="ol__title">
        {t('title', { title: board.title })}
      </h2>
      <p className="ol-note">{t(`intro.${kind}`)}</p>
      {children}
    </section>
  )
}

/** Errors as an alert (read at once); confirmations as a polite status. */
export function OutlineMessageView({ message }: { message: OutlineMessage }) {
  return (
    <div className="ol-message-slot">
      <p className={`ol-message${message?.kind === 'error' ? ' ol-message--error' : ''}`} role="alert" data-testid="outline-error">
        {message?.kind === 'error' ? message.text : ''}
      </p>
      <p className="ol-message" role="status" data-testid="outline-status">
        {message?.kind === 'status' ? message.text : ''}
      </p>
    </div>
  )
}
