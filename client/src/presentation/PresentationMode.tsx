import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { peopleInRoom } from '../facilitation/peopleInRoom'
import { formatNumber } from '../i18n/format'
import { phoneQuestion } from '../phone/phoneQuestion'
import { useBoards, useHeld, usePeers, useSession, useWorkshopMeta } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { NotesView, WritingView } from './NotesView'
import { PresentationTimer } from './PresentationTimer'
import { currentView, followSession, presentationViews, stepView, type FollowState, type PresentationView, type ViewChoice } from './presentationFollow'
import { useStageItems } from './useStageItems'
import { VoteView } from './VoteView'
import { WordCloudView } from './WordCloudView'
import './presentation.css'

/** The controls fade after this long without the pointer moving or a key. */
const IDLE_MS = 4000

interface PresentationModeProps {
  store: WorkshopStore
  /** The board on the facilitator's screen: shown when nothing in the session says otherwise. */
  boardId: string | null
  /** Whether this presentation put the browser in full screen (so leaving full screen leaves it). */
  fullscreenOwned: boolean
  onClose: () => void
}

/**
 * Presentation mode for the projector: full screen, no editing tools, type for the back of a hall.
 * It follows the session by itself (private writing shows the count, the reveal the notes, an open
 * vote its progress, a closed one the ranking as bars), and the facilitator can show another view
 * (notes, word cloud, vote) with the keys 1–3 or ←/→ until the session moves on. A modal dialog:
 * focus stays inside it and returns to the button that opened it; Escape leaves.
 */
export function PresentationMode({ store, boardId, fullscreenOwned, onClose }: PresentationModeProps) {
  const { t, i18n } = useTranslation('presentation')
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const session = useSession(store)
  const boards = useBoards(store)
  const held = useHeld(store)
  const meta = useWorkshopMeta(store)
  const peers = usePeers(store)

  // Follow the session: recomputed while rendering when the session or the boards change, so the
  // view never shows a frame of the old step.
  const [follow, setFollow] = useState<FollowState>(() => followSession(null, session, boards, boardId))
  const [seen, setSeen] = useState({ session, boards })
  let current = follow
  if (seen.session !== session || seen.boards !== boards) {
    current = followSession(follow, session, boards, boardId)
    setSeen({ session, boards })
    if (current !== follow) setFollow(current)
  }
  const stage = current.stage
  const [choice, setChoice] = useState<ViewChoice | null>(null)
  const [following, setFollowing] = useState(true)
  const view = currentView(stage, choice, following)
  const choose = (next: PresentationView) => setChoice({ view: next, stageKey: stage.key })

  const items = useStageItems(store, stage.boardId, stage.lane)
  const participants = peopleInRoom(peers, i18n.language).counts.participant
  const question = phoneQuestion(session.prompt, boards, stage.boardId === '' ? null : { boardId: stage.boardId, lane: stage.lane })
  const questionText =
    question.kind === 'prompt'
      ? question.text
      : question.kind === 'lane'
        ? t(`challenges:lanes.${question.lane}.question`)
        : question.kind === 'board'
          ? question.title || t('app:boards.untitled')
          : (meta?.title ?? '')
  const privateWriting = stage.kind === 'writing'
  const noteCount = privateWriting ? held.privateNotes : items.length

  const [fullscreen, setFullscreen] = useState(() => document.fullscreenElement !== null)
  const leavingOnPurpose = useRef(false)
  const close = useRef(onClose)
  useEffect(() => {
    close.current = onClose
  })

  useEffect(() => {
    const element = dialog.current
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (element && !element.open) element.showModal()
    element?.focus()
    const onChange = () => {
      const now = document.fullscreenElement !== null
      setFullscreen(now)
      // Escape in full screen is the browser's: it leaves full screen, and with it the presentation.
      if (!now && fullscreenOwned && !leavingOnPurpose.current) close.current()
      leavingOnPurpose.current = false
    }
    document.addEventListener('fullscreenchange', onChange)
    return () => {
      document.removeEventListener('fullscreenchange', onChange)
      element?.close()
      opener?.focus()
      if (document.fullscreenElement) {
        leavingOnPurpose.current = true
        void document.exitFullscreen().catch(() => undefined)
      }
    }
  }, [fullscreenOwned])

  // The controls fade after a few seconds without the pointer or a key (not while one has the focus: presentation.css).
  const [idle, setIdle] = useState(false)
  useEffect(() => {
    const element = dialog.current
    if (!element) return
    let timer = window.setTimeout(() => setIdle(true), IDLE_MS)
    const wake = () => {
      setIdle(false)
      window.clearTimeout(timer)
      timer = window.setTimeout(() => setIdle(true), IDLE_MS)
    }
    element.addEventListener('pointermove', wake)
    element.addEventListener('keydown', wake)
    return () => {
      window.clearTimeout(timer)
      element.removeEventListener('pointermove', wake)
      element.removeEventListener('keydown', wake)
    }
  }, [])

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      leavingOnPurpose.current = true
      void document.exitFullscreen().catch(() => undefined)
    } else {
      void document.documentElement.requestFullscreen().catch(() => undefined)
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLDialogElement>) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return
    const index = ['1', '2', '3'].indexOf(e.key)
    if (index >= 0) choose(presentationViews[index]!)
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') choose(stepView(view, e.key === 'ArrowRight' ? 1 : -1))
    else if (e.key === 'f' || e.key === 'F') toggleFullscreen()
    else if (e.key === 'a' || e.key === 'A') setFollowing((f) => !f)
    else return
    e.preventDefault()
  }

  const viewName = (v: PresentationView) => t(`views.${v}`)
  return (
    <dialog
      ref={dialog}
      className={`projector-screen presentation${idle ? ' presentation--idle' : ''}`}
      aria-labelledby={titleId}
      data-testid="presentation"
      data-view={view}
      data-stage={stage.kind}
      tabIndex={-1}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
      onKeyDown={onKeyDown}
    >
      <h2 id={titleId} className="visually-hidden">
        {t('title', { view: viewName(view) })}
      </h2>
      <p className="visually-hidden" role="status" data-testid="presentation-announcement">
        {t('showing', { view: viewName(view) })}
      </p>
      <div className="presentation__header">
        <div className="presentation__heading">
          <p className={`presentation__question${questionText.length > 90 ? ' presentation__question--long' : ''}`} data-testid="presentation-question">
            {questionText}
          </p>
          <p className="presentation__counts">
            <span data-testid="presentation-count">
              {privateWriting && held.privateNotes === 0 && held.privateAuthors === 0 ? t('counts.writing') : t('counts.notes', { count: noteCount, formatted: formatNumber(noteCount) })}
            </span>
            {participants > 0 && <span>{t('counts.participants', { count: participants, formatted: formatNumber(participants) })}</span>}
          </p>
        </div>
        <PresentationTimer store={store} />
      </div>

      <div className="presentation__main" data-testid="presentation-main">
        {view === 'notes' &&
          (privateWriting ? <WritingView notes={held.privateNotes} authors={held.privateAuthors} known={held.privateNotes > 0 || held.privateAuthors > 0} /> : <NotesView items={items} />)}
        {view === 'cloud' && (privateWriting ? <p className="pres-empty">{t('cloud.afterReveal')}</p> : <WordCloudView items={items} language={meta?.language ?? i18n.language} />)}
        {view === 'vote' && <VoteView store={store} />}
      </div>

      <div className="presentation__controls">
        <div className="presentation__tabs" role="group" aria-label={t('views.label')}>
          {presentationViews.map((v, i) => (
            <button key={v} type="button" className="pres-button pres-button--tab" aria-pressed={view === v} onClick={() => choose(v)} aria-keyshortcuts={String(i + 1)}>
              <span aria-hidden="true" className="pres-button__key">
                {i + 1}
              </span>
              {viewName(v)}
            </button>
          ))}
        </div>
        <button type="button" className="pres-button" aria-pressed={following} onClick={() => setFollowing((f) => !f)} aria-keyshortcuts="A">
          {t('follow')}
        </button>
        <span className="presentation__keys" aria-hidden="true">
          {t('keys')}
        </span>
        {document.fullscreenEnabled && (
          <button type="button" className="pres-button" onClick={toggleFullscreen} aria-keyshortcuts="F">
            {fullscreen ? t('exitFullscreen') : t('fullscreen')}
          </button>
        )}
        <button type="button" className="pres-button" onClick={onClose} aria-keyshortcuts="Escape" data-testid="presentation-close">
          {t('close')}
        </button>
      </div>
    </dialog>
  )
}
