import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardRecord } from '../../../shared/schema/records/board'
import { navigate } from '../lib/navigation'
import { useBoards, useSession } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { FollowNotice } from './FollowNotice'
import { NotAppliedNotice } from './NotAppliedNotice'
import { PrivateWritingNotice } from './PrivateWritingNotice'
import { SessionToasts } from './SessionToasts'
import { sessionIcons } from './sessionIcons'
import { useRole } from './useRole'
import { useSummon } from './useSummon'
import { VoteNotice } from './VoteNotice'
import './sessionNotices.css'

/** How long "Fasilitatoren hentet alle hit" stays. */
const SUMMONED_MS = 6000

/**
 * Under the board tabs, for everyone: what the session means for the board shown (locked, private
 * writing with the composer, an open vote or its results, following the facilitator), and what the
 * server refused (with what it undid of this person's writing, kept until they place it). Also moves this person when the facilitator brings everyone to a board.
 */
export function SessionNotices({ store, workshopId, boardId }: { store: WorkshopStore; workshopId: string; boardId: string | null }) {
  const { t } = useTranslation('session')
  const session = useSession(store)
  const boards = useBoards(store)
  const role = useRole(store)
  const board = boards.find((b) => b.id === boardId) ?? null
  const facilitator = role === 'facilitator'

  const summoned = useSummon(store, workshopId, !facilitator)
  const [summonShown, setSummonShown] = useState(0)
  useEffect(() => {
    if (summoned === 0) return
    setSummonShown(summoned)
    const id = window.setTimeout(() => setSummonShown(0), SUMMONED_MS)
    return () => window.clearTimeout(id)
  }, [summoned])

  const locked = boardId !== null && session.lockedBoards.includes(boardId)
  const phase = session.phase
  const privateHere = phase.kind === 'private' && phase.boardId === boardId ? phase : null
  const privateElsewhere = phase.kind === 'private' && phase.boardId !== boardId ? boards.find((b) => b.id === phase.boardId) : undefined
  const vote = session.vote
  const voteElsewhere = vote?.status === 'open' && vote.boardId !== boardId ? boards.find((b) => b.id === vote.boardId) : undefined
  const follow = session.follow && !facilitator && session.follow.clientId !== store.getClientId() ? session.follow : null

  const go = (id: string) => navigate({ page: 'workshop', workshopId, boardId: id })

  return (
    <div className="session-notices" data-testid="session-notices">
      <div className="session-strip">
        {role === 'observer' && (
          <div className="session-notice session-notice--observer" data-testid="observer-badge">
            <span className="session-notice__icon">{sessionIcons.eye}</span>
            <p className="session-notice__text">
              <strong>{t('observer.badge')}</strong> <span className="session-notice__detail">{t('observer.detail')}</span>
            </p>
          </div>
        )}
        {summonShown > 0 && (
          <div className="session-notice session-notice--summon" role="status" data-testid="summon-notice">
            <span className="session-notice__icon">{sessionIcons.summon}</span>
            <p className="session-notice__text">{t('summon.moved')}</p>
          </div>
        )}
        {/* First: the one notice that holds this person's own words. */}
        <NotAppliedNotice store={store} workshopId={workshopId} boardId={boardId} />
        {/* Observers change nothing anywhere: their badge says so, a lock would be one line more. */}
        {locked && role !== 'observer' && (
          <div className="session-notice session-notice--locked" data-testid="locked-notice">
            <span className="session-notice__icon">{sessionIcons.lock}</span>
            <p className="session-notice__text">
              {facilitator ? (
                <strong>{t('locked.facilitator')}</strong>
              ) : (
                <>
                  <strong>{t('locked.participant')}</strong> <span className="session-notice__detail">{t('locked.detail')}</span>
                </>
              )}
            </p>
          </div>
        )}
        {/* "Only their own": said before someone tries, not only in the toast after. */}
        {session.ownItemsOnly && role === 'participant' && !locked && (
          <div className="session-notice session-notice--own" data-testid="own-items-notice">
            <span className="session-notice__icon">{sessionIcons.pencil}</span>
            <p className="session-notice__text">
              <strong>{t('ownItems.participant')}</strong> <span className="session-notice__detail">{t('ownItems.detail')}</span>
            </p>
          </div>
        )}
        {privateHere && board && <PrivateWritingNotice store={store} board={board} phase={privateHere} role={role} locked={locked && !facilitator} />}
        {board && <VoteNotice key={board.id} store={store} board={board} role={role} />}
        {follow && <FollowNotice key={follow.clientId} store={store} workshopId={workshopId} boardId={boardId} follow={follow} />}
        {role === 'participant' && privateElsewhere && <Elsewhere icon={sessionIcons.eyeOff} text={t('private.elsewhere', { board: titleOf(privateElsewhere, t) })} action={t('goThere')} onGo={() => go(privateElsewhere.id)} />}
        {voteElsewhere && role !== 'observer' && <Elsewhere icon={sessionIcons.dots} text={t('vote.elsewhere', { board: titleOf(voteElsewhere, t) })} action={t('goThere')} onGo={() => go(voteElsewhere.id)} />}
      </div>
      <SessionToasts store={store} />
    </div>
  )
}

function Elsewhere({ icon, text, action, onGo }: { icon: React.ReactNode; text: string; action: string; onGo(): void }) {
  return (
    <div className="session-notice session-notice--elsewhere" data-testid="elsewhere-notice">
      <span className="session-notice__icon">{icon}</span>
      <p className="session-notice__text">{text}</p>
      <button type="button" className="button session-notice__action" onClick={onGo}>
        {action}
      </button>
    </div>
  )
}

function titleOf(board: BoardRecord, t: (key: string) => string): string {
  return board.title || t('untitledBoard')
}
