import { useTranslation } from 'react-i18next'
import { useBoards, useSession } from '../store/hooks'
import { CommandStatus } from './CommandStatus'
import { PanelSection, type SectionProps } from './PanelSection'
import { useCommand } from './useCommand'

/** "Tavla": lock the board on screen, bring everyone to it, let them follow this view. */
export function BoardSection({ store, boardId, open, onToggle }: SectionProps) {
  const { t } = useTranslation(['facilitation', 'app'])
  const session = useSession(store)
  const boards = useBoards(store)
  const command = useCommand(store)
  const board = boards.find((b) => b.id === boardId)
  const title = board ? board.title || t('app:boards.untitled') : ''
  const locked = board !== undefined && session.lockedBoards.includes(board.id)
  const follow = session.follow
  const followingMe = follow !== null && follow.clientId === store.getClientId()
  const lockedCount = session.lockedBoards.filter((id) => boards.some((b) => b.id === id)).length

  const status = [locked ? t('board.statusLocked') : lockedCount > 0 ? t('board.statusOtherLocked', { count: lockedCount }) : '', follow ? t('board.statusFollow') : '']
    .filter(Boolean)
    .join(' · ')

  return (
    <PanelSection title={t('board.title')} status={status || undefined} open={open} onToggle={onToggle} testId="facilitation-board">
      {!board ? (
        <p className="facilitation__hint">{t('board.none')}</p>
      ) : (
        <>
          <p className="facilitation__lead">{t('board.current', { title })}</p>
          <div className={`state-line${locked ? ' state-line--on' : ''}`}>
            <span className="state-line__icon" aria-hidden="true">
              {locked ? <LockIcon /> : <UnlockIcon />}
            </span>
            <p data-testid="facilitation-lock-state">{locked ? t('board.lockedState') : t('board.unlockedState')}</p>
          </div>
          <button
            type="button"
            className={`button facilitation__wide${locked ? '' : ' button--primary'}`}
            disabled={command.pending}
            onClick={() =>
              void command.run({ type: 'board.lock', boardId: board.id, locked: !locked }, { done: locked ? t('board.unlockedDone', { title }) : t('board.lockedDone', { title }) })
            }
          >
            {locked ? t('board.unlock') : t('board.lock')}
          </button>

          <button
            type="button"
            className="button facilitation__wide"
            disabled={command.pending}
            onClick={() => void command.run({ type: 'summon', boardId: board.id, view: null }, { done: t('board.summonedDone', { title }) })}
          >
            {t('board.summon')}
          </button>
          <p className="facilitation__hint">{t('board.summonHint')}</p>
        </>
      )}

      <div className={`state-line${follow ? ' state-line--on' : ''}`}>
        <p data-testid="facilitation-follow-state">
          {follow === null ? t('board.followOff') : followingMe ? t('board.followMe') : t('board.followOther', { name: follow.name || t('people.unnamed') })}
        </p>
      </div>
      {follow === null || !followingMe ? (
        <button type="button" className="button facilitation__wide" disabled={command.pending} onClick={() => void command.run({ type: 'follow.start' }, { done: t('board.followStartedDone') })}>
          {t('board.followStart')}
        </button>
      ) : null}
      {follow !== null && (
        <button type="button" className="button facilitation__wide" disabled={command.pending} onClick={() => void command.run({ type: 'follow.stop' }, { done: t('board.followStoppedDone') })}>
          {t('board.followStop')}
        </button>
      )}
      <p className="facilitation__hint">{t('board.followHint')}</p>
      <CommandStatus state={command.state} onDismiss={command.dismiss} />
    </PanelSection>
  )
}

function LockIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" focusable="false">
      <rect x="5" y="11" width="14" height="10" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  )
}

function UnlockIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" focusable="false">
      <rect x="5" y="11" width="14" height="10" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M8 11V7a4 4 0 0 1 7.7-1.5" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  )
}
