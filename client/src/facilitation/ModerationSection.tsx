import { useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { HeldNote } from '../../../shared/facilitation/commands'
import { formatDateTime } from '../i18n/format'
import { useBoards, useHeld, useSession } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { CommandStatus } from './CommandStatus'
import { findItems } from './findItems'
import { InlineConfirm } from './InlineConfirm'
import { PanelSection, type SectionProps } from './PanelSection'
import { SessionCheckbox } from './SessionCheckbox'
import { useBoardItems } from './useBoardItems'
import { useCommand, type CommandRunner } from './useCommand'

/** How many notes the "hide a note" search lists at once. */
const FIND_LIMIT = 8

/**
 * "Moderering": notes from phones wait for approval when it is on; notes the facilitator took off
 * the board wait here to be put back (or deleted for good); and a way to find and hide a note.
 */
export function ModerationSection({ store, boardId, open, onToggle }: SectionProps) {
  const { t } = useTranslation('facilitation')
  const { moderation, ownItemsOnly } = useSession(store)
  const held = useHeld(store)
  const command = useCommand(store)
  const id = useId()
  const queued = held.notes.filter((n) => n.status === 'queued')
  const hidden = held.notes.filter((n) => n.status === 'hidden')
  const status = queued.length > 0 ? t('moderation.statusWaiting', { count: queued.length }) : moderation || ownItemsOnly ? t('moderation.statusOn') : undefined

  return (
    <PanelSection title={t('moderation.title')} status={status} open={open} onToggle={onToggle} testId="facilitation-moderation">
      <SessionCheckbox
        value={moderation}
        command={command}
        toCommand={(enabled) => ({ type: 'moderation.set', enabled })}
        done={(enabled) => (enabled ? t('moderation.onDone') : t('moderation.offDone'))}
        label={t('moderation.toggle')}
      />
      {moderation && <p className="facilitation__hint">{t('moderation.onHint')}</p>}
      <SessionCheckbox
        value={ownItemsOnly}
        command={command}
        toCommand={(enabled) => ({ type: 'ownItems.set', enabled })}
        done={(enabled) => (enabled ? t('moderation.ownOnDone') : t('moderation.ownOffDone'))}
        label={t('moderation.ownToggle')}
      />
      {ownItemsOnly && <p className="facilitation__hint">{t('moderation.ownHint')}</p>}

      {(moderation || queued.length > 0) && (
        <div className="held-group">
          <div className="held-group__header">
            <h4 id={`${id}-queue`} className="facilitation__subheading">
              {t('moderation.queueHeading', { count: queued.length })}
            </h4>
            {queued.length > 1 && (
              <button
                type="button"
                className="button button--primary"
                disabled={command.pending}
                onClick={() => void command.run({ type: 'held.approve', ids: queued.map((n) => n.id) }, { done: t('moderation.approvedAllDone', { count: queued.length }) })}
              >
                {t('moderation.approveAll')}
              </button>
            )}
          </div>
          {queued.length === 0 ? (
            <p className="facilitation__hint">{t('moderation.queueEmpty')}</p>
          ) : (
            <ul className="held-list" aria-labelledby={`${id}-queue`} data-testid="facilitation-queue">
              {queued.map((note) => (
                <HeldRow key={note.id} note={note} pending={command.pendingKey === note.id}>
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={command.pending}
                    onClick={() => void command.run({ type: 'held.approve', ids: [note.id] }, { key: note.id, done: t('moderation.approvedDone') })}
                  >
                    {t('moderation.approve')}
                    <span className="visually-hidden">: {excerpt(note.text)}</span>
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={command.pending}
                    onClick={() => void command.run({ type: 'held.reject', ids: [note.id] }, { key: note.id, done: t('moderation.rejectedDone') })}
                  >
                    {t('moderation.reject')}
                    <span className="visually-hidden">: {excerpt(note.text)}</span>
                  </button>
                </HeldRow>
              ))}
            </ul>
          )}
        </div>
      )}

      <div className="held-group">
        <h4 id={`${id}-hidden`} className="facilitation__subheading">
          {t('moderation.hiddenHeading', { count: hidden.length })}
        </h4>
        {hidden.length === 0 ? (
          <p className="facilitation__hint">{t('moderation.hiddenEmpty')}</p>
        ) : (
          <ul className="held-list" aria-labelledby={`${id}-hidden`} data-testid="facilitation-hidden">
            {hidden.map((note) => (
              <HeldRow key={note.id} note={note} pending={command.pendingKey === note.id}>
                <button
                  type="button"
                  className="button"
                  disabled={command.pending}
                  onClick={() => void command.run({ type: 'held.approve', ids: [note.id] }, { key: note.id, done: t('moderation.restoredDone') })}
                >
                  {t('moderation.restore')}
                  <span className="visually-hidden">: {excerpt(note.text)}</span>
                </button>
                <InlineConfirm
                  label={t('moderation.delete')}
                  accessibleSuffix={excerpt(note.text)}
                  question={t('moderation.deleteQuestion')}
                  confirmLabel={t('moderation.deleteConfirm')}
                  onConfirm={() => void command.run({ type: 'held.reject', ids: [note.id] }, { key: note.id, done: t('moderation.deletedDone') })}
                  disabled={command.pending}
                  danger
                />
              </HeldRow>
            ))}
          </ul>
        )}
      </div>

      <HideFinder store={store} boardId={boardId} run={command.run} pending={command.pending} pendingKey={command.pendingKey} />
      <CommandStatus state={command.state} onDismiss={command.dismiss} />
    </PanelSection>
  )
}

/** The start of a note's text, so a screen-reader user knows which "Godkjenn" this is. */
function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine
}

function HeldRow({ note, pending, children }: { note: HeldNote; pending: boolean; children: ReactNode }) {
  return (
    <li className={`held-list__item${pending ? ' held-list__item--pending' : ''}`} aria-busy={pending || undefined}>
      <p className="held-list__text">{note.text}</p>
      <div className="held-list__footer">
        <p className="held-list__meta">
          {note.authorName ? `${note.authorName} · ` : ''}
          <time dateTime={new Date(note.createdAt).toISOString()}>{formatDateTime(note.createdAt, undefined, { timeStyle: 'short' })}</time>
        </p>
        <div className="held-list__actions">{children}</div>
      </div>
    </li>
  )
}

interface HideFinderProps {
  store: WorkshopStore
  boardId: string | null
  run: CommandRunner['run']
  pending: boolean
  pendingKey: string | null
}

/**
 * Hiding a note from the panel: type a word from it (or take one of the newest) and press "Skjul".
 * Works by keyboard and screen reader, and on boards whose own menus do not offer it.
 */
function HideFinder({ store, boardId, run, pending, pendingKey }: HideFinderProps) {
  const { t } = useTranslation(['facilitation', 'app'])
  const boards = useBoards(store)
  const board = boards.find((b) => b.id === boardId)
  const items = useBoardItems(store, board ? board.id : '')
  const [query, setQuery] = useState('')
  const id = useId()
  const found = findItems(items, query, FIND_LIMIT)
  return (
    <div className="held-group hide-finder">
      <h4 className="facilitation__subheading">{t('moderation.hideHeading')}</h4>
      <p className="facilitation__hint">{t('moderation.hideExplain')}</p>
      {items.length === 0 ? (
        <p className="facilitation__hint">{t('moderation.hideNothing')}</p>
      ) : (
        <>
          <div className="facilitation-field">
            <label htmlFor={`${id}-find`}>{t('moderation.hideSearch', { title: board?.title || t('app:boards.untitled') })}</label>
            <input id={`${id}-find`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
          </div>
          {found.length === 0 ? (
            <p className="facilitation__hint">{t('moderation.hideNoMatch')}</p>
          ) : (
            <ul className="held-list" aria-label={t('moderation.hideResults')} data-testid="facilitation-hide-results">
              {found.map((item) => (
                <li key={item.id} className={`held-list__item held-list__item--compact${pendingKey === item.id ? ' held-list__item--pending' : ''}`}>
                  <p className="held-list__text">{item.text || <em>{t('vote.emptyItem')}</em>}</p>
                  <div className="held-list__actions">
                    <button
                      type="button"
                      className="button"
                      disabled={pending}
                      onClick={() => void run({ type: 'note.hide', itemId: item.id }, { key: item.id, done: t('moderation.hiddenDone') })}
                    >
                      {t('moderation.hide')}
                      <span className="visually-hidden">: {excerpt(item.text)}</span>
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  )
}
