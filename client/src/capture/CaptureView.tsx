import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isCanvasItem, itemRect, placedImageSize, type CanvasItem } from '../../../shared/logic/canvasItems'
import { CAPTURE_NOTE_SIZE, CAPTURE_PHOTO_EDGE, planCapturePosition } from '../../../shared/logic/capturePlacement'
import type { Rect } from '../../../shared/logic/geometry'
import { NOTE_TEXT_MAX } from '../../../shared/schema/records/note'
import { useTemplateTitles } from '../boards/AddBoardMenu'
import { useCommitPlan } from '../store/useCommitPlan'
import { ConnectionIndicator } from '../ui/ConnectionIndicator'
import { onLinkClick } from '../lib/navigation'
import { RefusedBanner } from '../ui/RefusedBanner'
import { enqueueImage, onUploadError, startImageUploads } from '../canvas/images/imageQueue'
import { ImagePrepareError, prepareImage } from '../canvas/images/prepareImage'
import { useWorkshopImageHashes } from '../offline/useWorkshopImageHashes'
import { useBoards, useConnection, useLocallyLoaded, useWorkshopMeta } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import './capture.css'
import { formatPosition, loadCaptureBoard, loadCapturePlace, noteTextWithPlace, PLACE_MAX, saveCaptureBoard, saveCapturePlace } from './captureSettings'
import { CaptureLog, useCaptureLog } from './CaptureLog'
import { usePendingUploads } from './usePendingUploads'

type Notice = { tone: 'info' | 'error'; text: string }

/**
 * Quick capture for a phone on a study trip: one thumb, two taps to a note ("Notat", type,
 * "Legg til") or a photo ("Foto", take it) on the chosen free board, optionally tagged with the
 * place. Works the same with no network: the note goes into this device's copy of the workshop and
 * the photo into the upload queue, and both are sent when the network returns. Under the fields,
 * everything captured on this device and what still waits for the network (CaptureLog).
 */
export function CaptureView({ store, workshopId }: { store: WorkshopStore; workshopId: string }) {
  const { t } = useTranslation('offline')
  const meta = useWorkshopMeta(store)
  const boards = useBoards(store)
  const connection = useConnection(store)
  const locallyLoaded = useLocallyLoaded(store)
  const hashes = useWorkshopImageHashes(store)
  const pendingPhotos = usePendingUploads(hashes)
  const captures = useCaptureLog(workshopId, connection.status === 'connected')
  const templateTitles = useTemplateTitles()
  const canvases = boards.filter((b) => b.template === 'canvas')
  const [chosenId, setChosenId] = useState(() => loadCaptureBoard(workshopId))
  const board = canvases.find((b) => b.id === chosenId) ?? canvases[0]
  const [place, setPlace] = useState(loadCapturePlace)
  const [locating, setLocating] = useState(false)
  const [writing, setWriting] = useState(false)
  const [text, setText] = useState('')
  const [notice, setNotice] = useState<Notice | null>(null)
  const [busy, setBusy] = useState(false)
  const commit = useCommitPlan(store, (error) => setNotice({ tone: 'error', text: error.message }))
  const fileInput = useRef<HTMLInputElement>(null)
  const textArea = useRef<HTMLTextAreaElement>(null)
  const boardSelectId = useId()
  const placeId = useId()
  const noteId = useId()
  const loading = boards.length === 0 && meta === null && connection.status !== 'refused' && (connection.status !== 'connected' || !locallyLoaded)
  const title = meta?.title || t('capture.untitled')

  useEffect(() => {
    document.title = t('capture.documentTitle', { title })
  }, [t, title])

  useEffect(() => {
    startImageUploads(store.workshopId)
    return onUploadError((_hash, message) => setNotice({ tone: 'error', text: t('capture.photoRefused', { message }) }))
  }, [store, t])

  useEffect(() => {
    if (writing) textArea.current?.focus()
  }, [writing])

  useEffect(() => {
    if (!notice) return
    const timer = window.setTimeout(() => setNotice(null), notice.tone === 'error' ? 10_000 : 4000)
    return () => window.clearTimeout(timer)
  }, [notice])

  function chooseBoard(id: string) {
    setChosenId(id)
    saveCaptureBoard(workshopId, id)
  }

  function changePlace(value: string) {
    const next = value.slice(0, PLACE_MAX)
    setPlace(next)
    saveCapturePlace(next)
  }

  function addCanvasBoard() {
    commit(() => chooseBoard(store.addBoardFromTemplate('canvas', templateTitles)))
  }

  /** What is on the board now, so the next item lands in the first free cell of the capture grid. */
  function occupied(boardId: string): Rect[] {
    const items = store.getItemIds(boardId).map((id) => store.getItem(id)).filter(isCanvasItem)
    const byId = new Map(items.map((i) => [i.id, i]))
    const lookup = (id: string): CanvasItem | undefined => byId.get(id)
    return items.flatMap((item) => itemRect(item, lookup) ?? [])
  }

  function addNote() {
    if (!board || text.trim() === '') return
    const size = { w: CAPTURE_NOTE_SIZE, h: CAPTURE_NOTE_SIZE }
    const at = planCapturePosition(occupied(board.id), size)
    try {
      store.stopCapturing()
      const id = store.createNote(board.id, { ...at, ...size, text: noteTextWithPlace(text, place, (p) => t('capture.placeLine', { place: p }), NOTE_TEXT_MAX) })
      store.stopCapturing()
      captures.add({ id, kind: 'note', text: text.trim(), boardTitle: board.title || t('capture.untitledBoard'), hash: '' })
    } catch (error) {
      // The text is kept in the field: nothing typed is lost.
      setNotice({ tone: 'error', text: t('capture.noteFailed', { message: error instanceof Error ? error.message : String(error) }) })
      return
    }
    setText('')
    setWriting(false)
    setNotice({ tone: 'info', text: t('capture.noteAdded', { board: board.title || t('capture.untitledBoard') }) })
  }

  async function addPhoto(file: File) {
    if (!board) return
    setBusy(true)
    try {
      const prepared = await prepareImage(file)
      const size = placedImageSize(prepared.width, prepared.height, CAPTURE_PHOTO_EDGE)
      const at = planCapturePosition(occupied(board.id), size)
      const where = place.trim()
      // The record first, so everyone sees where the photo goes; the bytes follow when the network allows.
      const photo = {
        id: store.newId(),
        kind: 'image',
        boardId: board.id,
        ...at,
        ...size,
        hash: prepared.hash,
        mime: prepared.mime,
        alt: where ? t('capture.photoAlt', { place: where }).slice(0, 500) : '',
        createdAt: Date.now(),
      } as const
      if (!commit({ createItems: [photo] })) return
      captures.add({ id: photo.id, kind: 'photo', text: where, boardTitle: board.title || t('capture.untitledBoard'), hash: prepared.hash })
      await enqueueImage(store.workshopId, prepared.hash, prepared.mime, prepared.blob)
      setNotice({ tone: 'info', text: t('capture.photoAdded', { board: board.title || t('capture.untitledBoard') }) })
    } catch (error) {
      if (!(error instanceof ImagePrepareError)) throw error
      setNotice({ tone: 'error', text: t(error.reason === 'tooLarge' ? 'capture.photoTooLarge' : 'capture.photoUnreadable') })
    } finally {
      setBusy(false)
    }
  }

  function usePosition() {
    if (!('geolocation' in navigator)) {
      setNotice({ tone: 'error', text: t('capture.positionUnavailable') })
      return
    }
    setLocating(true)
    // Asked only now, when the person tapped the button; the position is turned into text at once.
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false)
        const readable = formatPosition(position.coords.latitude, position.coords.longitude)
        if (readable) changePlace(readable)
        else setNotice({ tone: 'error', text: t('capture.positionUnavailable') })
      },
      (error) => {
        setLocating(false)
        setNotice({ tone: 'error', text: t(error.code === error.PERMISSION_DENIED ? 'capture.positionDenied' : 'capture.positionUnavailable') })
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    )
  }

  const workshopRoute = { page: 'workshop', workshopId, boardId: board?.id ?? null } as const

  return (
    <div className="capture">
      <header className="capture__header">
        <a className="button capture__back" href={`/w/${workshopId}`} onClick={onLinkClick(workshopRoute)}>
          <span aria-hidden="true">←</span> {t('capture.back')}
        </a>
        <ConnectionIndicator connection={connection} />
      </header>

      <main className="capture__body">
        <h1 className="capture__title">{loading ? t('capture.loading') : title}</h1>
        <p className="capture__waiting" data-testid="capture-waiting" role="status" aria-live="polite">
          {pendingPhotos.length > 0 ? t('capture.photosWaiting', { count: pendingPhotos.length }) : ''}
        </p>

        {loading ? (
          <div className="placeholder" aria-busy="true">
            <span className="spinner" aria-hidden="true" />
          </div>
        ) : canvases.length === 0 ? (
          <div className="capture__field">
            <p>{t('capture.noBoard')}</p>
            <button type="button" className="button button--primary button--large" onClick={addCanvasBoard}>
              {t('capture.addBoard')}
            </button>
          </div>
        ) : (
          <>
            <div className="capture__field">
              <label htmlFor={boardSelectId}>{t('capture.board')}</label>
              <select id={boardSelectId} className="capture__input" value={board?.id ?? ''} onChange={(e) => chooseBoard(e.target.value)} data-testid="capture-board">
                {canvases.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.title || t('capture.untitledBoard')}
                  </option>
                ))}
              </select>
            </div>
            <div className="capture__field">
              <label htmlFor={placeId}>{t('capture.place')}</label>
              <div className="capture__place">
                <input
                  id={placeId}
                  className="capture__input"
                  value={place}
                  maxLength={PLACE_MAX}
                  placeholder={t('capture.placePlaceholder')}
                  onChange={(e) => changePlace(e.target.value)}
                  autoComplete="off"
                />
                {place !== '' && (
                  <button type="button" className="button button--icon" aria-label={t('capture.clearPlace')} title={t('capture.clearPlace')} onClick={() => changePlace('')}>
                    <span aria-hidden="true">✕</span>
                  </button>
                )}
              </div>
              <button type="button" className="button capture__locate" onClick={usePosition} disabled={locating}>
                {locating ? t('capture.locating') : t('capture.usePosition')}
              </button>
            </div>
          </>
        )}

        {notice && (
          <p className={`capture__notice capture__notice--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="capture-notice">
            {notice.text}
          </p>
        )}
        <CaptureLog log={captures.log} pendingPhotos={pendingPhotos} />
      </main>

      {writing && board && (
        <form
          className="capture__sheet"
          onSubmit={(e) => {
            e.preventDefault()
            addNote()
          }}
        >
          <label htmlFor={noteId} className="capture__sheet-label">
            {t('capture.noteLabel', { board: board.title || t('capture.untitledBoard') })}
          </label>
          <textarea
            id={noteId}
            ref={textArea}
            className="capture__input capture__text"
            value={text}
            maxLength={NOTE_TEXT_MAX - PLACE_MAX - 16}
            rows={4}
            onChange={(e) => setText(e.target.value)}
            data-testid="capture-text"
          />
          <div className="capture__sheet-actions">
            <button type="button" className="button button--large" onClick={() => setWriting(false)}>
              {t('capture.cancel')}
            </button>
            <button type="submit" className="button button--primary button--large" disabled={text.trim() === ''}>
              {t('capture.add')}
            </button>
          </div>
        </form>
      )}

      {!writing && (
        <nav className="capture__actions" aria-label={t('capture.actions')}>
          <button type="button" className="capture__action" disabled={!board} onClick={() => setWriting(true)}>
            <span className="capture__action-icon" aria-hidden="true">✎</span>
            {t('capture.note')}
          </button>
          <button type="button" className="capture__action" disabled={!board || busy} onClick={() => fileInput.current?.click()}>
            <span className="capture__action-icon" aria-hidden="true">◉</span>
            {busy ? t('capture.photoWorking') : t('capture.photo')}
          </button>
        </nav>
      )}
      <input
        ref={fileInput}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        data-testid="capture-file"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void addPhoto(file)
        }}
      />
      {connection.status === 'refused' && <RefusedBanner code={connection.code} reason={connection.reason} />}
    </div>
  )
}

