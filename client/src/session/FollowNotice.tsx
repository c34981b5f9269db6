import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FollowState } from '../../../shared/schema/records/session'
import { navigate } from '../lib/navigation'
import { usePeers } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { sessionBus } from './sessionBus'
import { sessionIcons } from './sessionIcons'

interface FollowNoticeProps {
  store: WorkshopStore
  workshopId: string
  boardId: string | null
  follow: FollowState
}

/**
 * "Du følger Kari": while the facilitator shares their view, this person goes to the board they
 * look at and their canvas camera follows. Panning, zooming or choosing another board oneself
 * stops following (the notice then offers "Følg igjen"), so nobody fights the camera.
 * Mounted only while following is on: it re-renders with every presence change, so it stays small.
 */
export function FollowNotice({ store, workshopId, boardId, follow }: FollowNoticeProps) {
  const { t } = useTranslation('session')
  const peers = usePeers(store)
  const [following, setFollowing] = useState(true)
  const leader = peers.find((peer) => peer.clientId === follow.clientId)
  const view = leader?.view ?? null
  const target = view?.boardId ?? leader?.boardId ?? null
  const name = follow.name || leader?.name || t('follow.facilitator')

  // To the leader's board. Leaving it oneself (another tab) means "I want to look around".
  const previousBoard = useRef(boardId)
  useEffect(() => {
    const before = previousBoard.current
    previousBoard.current = boardId
    if (following && before === target && boardId !== target && before !== boardId) setFollowing(false)
  }, [boardId, following, target])
  useEffect(() => {
    if (following && target && target !== boardId) navigate({ page: 'workshop', workshopId, boardId: target })
  }, [following, target, boardId, workshopId])

  // And the leader's camera on it.
  const viewBoard = view?.boardId
  const x = view?.x
  const y = view?.y
  const scale = view?.scale
  useEffect(() => {
    if (!following || viewBoard === undefined || x === undefined || y === undefined || scale === undefined) return
    sessionBus(store).requestCamera(viewBoard, { x, y, scale })
  }, [following, store, viewBoard, x, y, scale])

  useEffect(() => sessionBus(store).onUserMovedCamera(() => setFollowing(false)), [store])

  return (
    <div className="session-notice session-notice--follow" data-testid="follow-notice">
      <span className="session-notice__icon">{sessionIcons.follow}</span>
      <p className="session-notice__text">{following ? t('follow.following', { name }) : t('follow.stopped', { name })}</p>
      <button type="button" className="button session-notice__action" onClick={() => setFollowing(!following)} data-testid="follow-toggle">
        {following ? t('follow.stop') : t('follow.again')}
      </button>
    </div>
  )
}
