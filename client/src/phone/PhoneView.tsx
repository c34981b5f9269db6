import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SubmitOutcome } from '../../../shared/facilitation/commands'
import { phoneTarget } from '../../../shared/facilitation/phoneTarget'
import { laneFor, noteTextLimit } from '../../../shared/facilitation/noteBoards'
import { NOTE_TEXT_MAX } from '../../../shared/schema/records/note'
import { AccessibilityLink } from '../a11y/AccessibilityLink'
import { chooseFullBoard } from '../access/phoneOrBoard'
import { PrivacyLink } from '../privacy/PrivacyLink'
import { ConnectionIndicator } from '../ui/ConnectionIndicator'
import { LanguageSwitch } from '../ui/LanguageSwitch'
import { onLinkClick } from '../lib/navigation'
import { applyWorkshopLanguage } from '../i18n/i18n'
import { useRole } from '../session/useRole'
import { useBoards, useConnection, useIdentity, useLocallyLoaded, useMine, useSession, useWorkshopMeta } from '../store/hooks'
import type { PhoneStore } from '../store/PhoneStore'
import { EraseMyData } from './EraseMyData'
import { EyeIcon, HourglassIcon, LockIcon } from './icons'
import { MyNotes } from './MyNotes'
import { NoteComposer, outcomeText } from './NoteComposer'
import { NotesSoFar } from './NotesSoFar'
import { phoneQuestion } from './phoneQuestion'
import { PhoneRefused } from './PhoneRefused'
import { PhoneTimer } from './PhoneTimer'
import { PhoneResults, PhoneVote } from './PhoneVote'
import { registerServiceWorker } from './registerServiceWorker'
import { takeStaticNoteBox } from './staticNoteBox'
import { useBoardNotes } from './useBoardNotes'
import { useNoteOutbox } from './useNoteOutbox'
import './phone.css'

interface PhoneViewProps {
  store: PhoneStore
  workshopId: string
  userName: string
  onChangeName: () => void
  /** The resident erased their data: forget the nickname on this device. */
  onNameErased: () => void
}

/**
 * One column for a 360 px screen: the workshop and the connection, the countdown, the question,
 * a box for a note, the vote when one is open (or its results), the person's own waiting notes,
 * and the notes so far. Everything follows the facilitator live: the board notes go to (the
 * private phase's, the prompt's, "bring everyone here"), the question, the vote.
 */
export function PhoneView({ store, workshopId, userName, onChangeName, onNameErased }: PhoneViewProps) {
  const { t } = useTranslation('phone')
  const { t: tChallenges } = useTranslation('challenges')
  const meta = useWorkshopMeta(store)
  const boards = useBoards(store)
  const session = useSession(store)
  const connection = useConnection(store)
  const identity = useIdentity(store)
  const role = useRole(store)
  const mine = useMine(store)
  const locallyLoaded = useLocallyLoaded(store)
  const questionId = useId()
  const [laterStatus, setLaterStatus] = useState<string | null>(null)
  const [draft, setDraft] = useState('')

  const target = useMemo(() => phoneTarget(session, boards), [session, boards])
  const board = boards.find((b) => b.id === target?.boardId)
  const boardTitle = board ? board.title || t('untitledBoard') : ''
  const limit = board ? noteTextLimit(board, NOTE_TEXT_MAX) : NOTE_TEXT_MAX
  const lane = board?.template === 'challengeBoard' && target ? laneFor(target.lane) : ''
  const notes = useBoardNotes(store, board?.id ?? null, lane)
  const question = phoneQuestion(session.prompt, boards, target)
  const privatePhase = session.phase.kind === 'private' && session.phase.boardId === board?.id ? session.phase : null
  const readOnly = role === 'observer'
  const locked = role === 'participant' && board !== undefined && session.lockedBoards.includes(board.id)
  const vote = session.vote && boards.some((b) => b.id === session.vote?.boardId) ? session.vote : null
  const voteBoardTitle = vote ? boards.find((b) => b.id === vote.boardId)?.title || t('untitledBoard') : ''
  // While a vote covers the same notes, its list is the list: the same notes twice would only confuse.
  const voteShowsNotes = vote?.status === 'open' && vote.boardId === board?.id && (vote.lane === '' || vote.lane === lane)
  const title = meta?.title || t('untitledWorkshop')
  const loading = boards.length === 0 && meta === null && connection.status !== 'refused' && (connection.status !== 'connected' || !locallyLoaded)
  const removed = identity !== null && identity.participantId !== '' && session.removed.includes(identity.participantId)

  const onSentLater = useCallback((outcome: SubmitOutcome) => setLaterStatus(outcomeText(outcome, boardTitle, t)), [boardTitle, t])
  const outbox = useNoteOutbox(store, workshopId, onSentLater)

  // The box in the HTML, when the note box did not take it over (an observer's page): what was typed stays.
  useLayoutEffect(() => {
    const text = takeStaticNoteBox()?.box.value
    if (text) setDraft(text)
  }, [])

  // The worker installs after the first sync, not during it (phone.html leaves its registration out).
  const synced = connection.status === 'connected'
  useEffect(() => {
    if (synced) registerServiceWorker()
  }, [synced])

  // Someone who never chose a language reads the workshop's, like everyone on the board.
  const workshopLanguage = meta?.language
  useEffect(() => {
    if (workshopLanguage) applyWorkshopLanguage(workshopLanguage)
  }, [workshopLanguage])

  useEffect(() => {
    document.title = t('documentTitle', { title })
  }, [t, title])

  // Others (the facilitator's list of people) see which board this person writes on.
  useEffect(() => {
    store.setViewedBoard(board?.id ?? null)
  }, [store, board?.id])

  useEffect(() => {
    if (!laterStatus) return
    const timer = window.setTimeout(() => setLaterStatus(null), 8000)
    return () => window.clearTimeout(timer)
  }, [laterStatus])

  const questionText =
    question.kind === 'prompt'
      ? question.text
      : question.kind === 'lane'
        ? tChallenges(`lanes.${question.lane}.question`)
        : question.kind === 'board'
          ? question.title || t('untitledBoard')
          : t('question.none')

  const refused = connection.status === 'refused' ? connection : null
  // The box is there from the first paint (the workshop still syncing) for anyone who may write.
  const composing = !readOnly && !refused && (loading || board !== undefined)
  // Refused: the banner above says why; the box only keeps the text, to be copied.
  const composeBlocked = refused ? '' : readOnly ? t('question.observer') : locked ? t('compose.locked') : !loading && !board ? t('compose.noBoard') : null

  return (
    <div className="phone">
      <header className="phone__header">
        <div className="phone__bar">
          <p className="phone__workshop-label">{t('workshopLabel')}</p>
          <ConnectionIndicator connection={connection} />
        </div>
        <h1 className="phone__title">{loading ? t('loading') : title}</h1>
        <PhoneTimer store={store} />
      </header>

      <main className="phone__main">
        {/* Every part keeps its place whether the workshop has synced, refused or not: the note box is
            the same element throughout, so what was typed before the sync (or the refusal) stays. */}
        {refused && <PhoneRefused code={refused.code} reason={refused.reason} removed={removed} />}
        {!refused &&
          (loading ? (
            <section className="phone-card phone-question" aria-busy="true" data-testid="phone-question-loading">
              <p className="phone-question__eyebrow">{t('question.label')}</p>
              <span className="spinner" aria-hidden="true" />
            </section>
          ) : (
            <section className="phone-card phone-question" aria-labelledby={questionId} data-testid="phone-question">
              <p className="phone-question__eyebrow">{question.kind === 'board' ? t('question.boardLabel') : t('question.label')}</p>
              <h2 id={questionId} className="phone-question__text">
                {questionText}
              </h2>
              {privatePhase && (
                <p className="phone-note phone-note--private" data-testid="phone-private">
                  <LockIcon />
                  {privatePhase.facilitatorSees ? t('question.privateFacilitatorSees') : t('question.private')}
                </p>
              )}
              {session.moderation && !privatePhase && role === 'participant' && (
                <p className="phone-note phone-note--info" data-testid="phone-moderation">
                  <HourglassIcon />
                  {t('question.moderation')}
                </p>
              )}
              {readOnly && (
                <p className="phone-note phone-note--info" data-testid="phone-observer">
                  <EyeIcon />
                  {t('question.observer')}
                </p>
              )}
            </section>
          ))}

        {!refused && vote?.status === 'open' && <PhoneVote store={store} vote={vote} boardTitle={voteBoardTitle} readOnly={readOnly} />}
        {!refused && vote?.status === 'closed' && <PhoneResults store={store} vote={vote} boardTitle={voteBoardTitle} />}

        {/* Before the sync the note goes where the server places it, like every note; after it the box
            stays while it holds text, even where nothing can be added now, so nothing typed is lost. */}
        {(composing || draft !== '') && (
          <NoteComposer
            outbox={outbox}
            text={draft}
            onTextChange={setDraft}
            limit={limit}
            boardTitle={boardTitle}
            blocked={composeBlocked}
            userName={userName}
            onChangeName={onChangeName}
            laterStatus={laterStatus}
            moment={`${session.phase.kind === 'private' ? session.phase.id : 'open'}:${board?.id ?? ''}:${vote?.id ?? ''}:${vote?.status ?? ''}`}
          />
        )}
        {!refused && !loading && !readOnly && !board && draft === '' && <p className="phone-card phone-empty">{t('compose.noBoard')}</p>}

        {(!readOnly || outbox.waiting.length > 0) && (
          <MyNotes
            store={store}
            held={mine.notes}
            outbox={outbox}
            limitFor={(boardId) => {
              const of = boards.find((b) => b.id === boardId)
              return of ? noteTextLimit(of, NOTE_TEXT_MAX) : limit
            }}
          />
        )}

        {!refused && board && !voteShowsNotes && <NotesSoFar notes={notes} boardTitle={boardTitle} laneName={lane ? tChallenges(`lanes.${lane}.name`) : null} />}
      </main>

      <footer className="phone__footer">
        <a className="button phone__board-link" href={`/w/${workshopId}`} onClick={(e) => {
            // The board page sends a participant on a phone here; this tab asked for the board.
            chooseFullBoard(workshopId)
            onLinkClick({ page: 'workshop', workshopId, boardId: board?.id ?? null })(e)
          }}
        >
          {t('openBoard')}
        </a>
        <p className="phone__board-hint">{t('openBoardHint')}</p>
        {role === 'participant' && !refused && <EraseMyData store={store} outbox={outbox} onNameErased={onNameErased} />}
        <div className="phone__footer-row">
          <LanguageSwitch />
          <PrivacyLink />
          <AccessibilityLink />
        </div>
      </footer>
    </div>
  )
}
