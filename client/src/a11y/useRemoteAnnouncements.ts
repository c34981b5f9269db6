import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  defaultThrottle,
  emptyQueue,
  enqueueChanges,
  nextAnnouncementAt,
  takeAnnouncement,
  type ChangeEvent,
} from '../../../shared/logic/announcements'
import type { RemoteChange, WorkshopStore } from '../store/WorkshopStore'
import { formatAnnouncement } from './formatAnnouncement'

export interface SpokenText {
  text: string
  /** Changes on every announcement, so the same words twice are still read twice. */
  serial: number
}

/**
 * Other people's changes to the board in view, summarised and throttled (shared/logic/announcements)
 * into text for a polite live region. Own edits and the join sync never reach it (the store filters).
 */
export function useRemoteAnnouncements(store: WorkshopStore, boardId: string | null): SpokenText | null {
  const { t } = useTranslation('a11y')
  const [spoken, setSpoken] = useState<SpokenText | null>(null)

  useEffect(() => {
    if (boardId === null) return
    let queue = emptyQueue
    let timer: ReturnType<typeof setTimeout> | null = null
    let serial = 0

    const speakWhenDue = () => {
      if (timer !== null) clearTimeout(timer)
      timer = null
      const due = nextAnnouncementAt(queue, defaultThrottle)
      if (due === null) return
      timer = setTimeout(() => {
        timer = null
        const result = takeAnnouncement(queue, Date.now(), defaultThrottle)
        queue = result.queue
        if (result.announcement) setSpoken({ text: formatAnnouncement(result.announcement, t), serial: ++serial })
        speakWhenDue()
      }, Math.max(0, due - Date.now()))
    }

    const unsubscribe = store.onRemoteChanges((changes) => {
      const onBoard = changes.filter((c) => c.boardId === boardId)
      if (onBoard.length === 0) return
      const now = Date.now()
      queue = enqueueChanges(queue, onBoard.map((change) => toEvent(store, boardId, change, now)))
      speakWhenDue()
    })
    return () => {
      unsubscribe()
      if (timer !== null) clearTimeout(timer)
    }
  }, [store, boardId, t])

  return spoken
}

/**
 * Names the author from awareness. A removal carries no author in Yjs; when exactly one other
 * person looks at this board it can only have been them (or someone offline, rarely), so we name
 * them; otherwise the change is spoken without a name rather than with a guess.
 */
function toEvent(store: WorkshopStore, boardId: string, change: RemoteChange, now: number): ChangeEvent {
  const peers = store.getPeers()
  let actor = change.authorClientId === null ? null : (peers.find((p) => p.clientId === change.authorClientId)?.name ?? null)
  if (actor === null) {
    const here = peers.filter((p) => p.boardId === boardId)
    if (here.length === 1) actor = here[0]!.name
  }
  return { id: change.id, actor: actor || null, kind: change.kind, action: change.action, at: now }
}
