import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardRecord } from '../../../shared/schema/records/board'
import { copyText } from '../facilitation/copyText'
import { navigate } from '../lib/navigation'
import { useBoards, useSession } from '../store/hooks'
import { useCommitPlan } from '../store/useCommitPlan'
import type { WorkshopStore } from '../store/WorkshopStore'
import { forgetNotApplied, keepNotApplied, placeTarget, planPlaceNotApplied, useNotApplied, type NotAppliedEntry } from './notApplied'
import { sessionBus } from './sessionBus'
import { sessionIcons } from './sessionIcons'
import { useRole } from './useRole'

/**
 * "Not applied": what the server undid of this person's writing because the rules changed under
 * them (typically a board locked while they were offline), with its text, a copy button and "place
 * it on <board>", which adds it as a new note of theirs where they may write now. Also keeps every
 * such refusal (notApplied.ts), so it is mounted wherever the workshop is open.
 */
export function NotAppliedNotice({ store, workshopId, boardId }: { store: WorkshopStore; workshopId: string; boardId: string | null }) {
  const { t } = useTranslation('session')
  const entries = useNotApplied(workshopId)
  const boards = useBoards(store)
  const session = useSession(store)
  const role = useRole(store)
  const bus = sessionBus(store)
  const commit = useCommitPlan(store, (error) => bus.toast(t('notApplied.placeFailed', { reason: error.message })))

  useEffect(() => store.control.onRefused((refusal) => keepNotApplied(workshopId, refusal.reason, refusal.records)), [store, workshopId])

  if (entries.length === 0) return null

  const place = (entry: NotAppliedEntry, board: BoardRecord) => {
    const existing = store.getItemIds(board.id).flatMap((id) => store.getItem(id) ?? [])
    if (!commit(planPlaceNotApplied(entry, board, existing, store.newId(), Date.now()))) return
    forgetNotApplied(workshopId, entry.id)
    bus.toast(t('notApplied.placed', { board: titleOf(board, t) }), 'info')
    if (board.id !== boardId) navigate({ page: 'workshop', workshopId, boardId: board.id })
  }

  return (
    <section className="session-notice session-notice--not-applied" aria-labelledby="not-applied-title" data-testid="not-applied">
      <span className="session-notice__icon">{sessionIcons.pencil}</span>
      <div className="session-notice__body">
        <p className="session-notice__text">
          <strong id="not-applied-title">{t('notApplied.title', { count: entries.length })}</strong>{' '}
          <span className="session-notice__detail">{t('notApplied.detail')}</span>
        </p>
        <ul className="not-applied__list">
          {entries.map((entry) => {
            const target = placeTarget(entry, boards, boardId, role, session)
            const from = boards.find((board) => board.id === entry.boardId)
            return (
              <NotAppliedItem
                key={entry.id}
                entry={entry}
                why={t(`notApplied.why.${entry.reason}`, { board: from ? titleOf(from, t) : t('untitledBoard'), defaultValue: t('notApplied.why.other') })}
                placeLabel={target ? t('notApplied.placeOn', { board: titleOf(target, t) }) : null}
                onPlace={() => target && place(entry, target)}
                onForget={() => {
                  if (window.confirm(t('notApplied.forgetConfirm'))) forgetNotApplied(workshopId, entry.id)
                }}
              />
            )
          })}
        </ul>
      </div>
    </section>
  )
}

interface NotAppliedItemProps {
  entry: NotAppliedEntry
  why: string
  /** Null: no board takes notes from this person now. */
  placeLabel: string | null
  onPlace(): void
  onForget(): void
}

function NotAppliedItem({ entry, why, placeLabel, onPlace, onForget }: NotAppliedItemProps) {
  const { t } = useTranslation('session')
  const text = useRef<HTMLQuoteElement>(null)
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)

  const copy = async () => {
    if (await copyText(entry.text)) return setCopied('yes')
    // No clipboard (plain http on a LAN): select the words so the phone's menu or Ctrl+C copies them.
    const selection = window.getSelection()
    if (text.current && selection) {
      const range = document.createRange()
      range.selectNodeContents(text.current)
      selection.removeAllRanges()
      selection.addRange(range)
    }
    setCopied('no')
  }

  return (
    <li className="not-applied__item" data-testid="not-applied-entry">
      <blockquote ref={text} className="not-applied__text">
        {entry.text}
      </blockquote>
      <p className="not-applied__why">{why}</p>
      <div className="not-applied__actions">
        <button type="button" className="button" onClick={() => void copy()}>
          {copied === 'yes' ? t('notApplied.copied') : copied === 'no' ? t('notApplied.selected') : t('notApplied.copy')}
        </button>
        {placeLabel ? (
          <button type="button" className="button button--primary" onClick={onPlace}>
            {placeLabel}
          </button>
        ) : (
          <span className="not-applied__nowhere">{t('notApplied.nowhere')}</span>
        )}
        <button type="button" className="button button--quiet" onClick={onForget}>
          {t('notApplied.forget')}
        </button>
      </div>
    </li>
  )
}

function titleOf(board: BoardRecord, t: (key: string) => string): string {
  return board.title || t('untitledBoard')
}
