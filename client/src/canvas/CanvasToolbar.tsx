import { useRef, type ChangeEvent, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { formatPercent } from '../i18n/format'
import type { BoardAccess } from '../session/boardAccess'
import { useUndoState } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import type { CanvasActions } from './canvasActions'
import { ZOOM_STEP } from './canvasKeyboard'
import type { CanvasStore } from './canvasState'
import { icons } from './icons'
import { useStoreSlice } from '../lib/createStore'
import type { CanvasTool } from './tools'

interface CanvasToolbarProps {
  store: WorkshopStore
  /** Observers and a locked board get navigation only; private writing keeps a note button that opens the composer. */
  access: BoardAccess
  canvasStore: CanvasStore
  actions: CanvasActions
  onImages(files: File[]): void
  /** The board asks for the file picker (I key). */
  pickerRef?: RefObject<HTMLInputElement | null>
}

/** The board's main tools, at the bottom edge. */
export function CanvasToolbar({ store, access, canvasStore, actions, onImages, pickerRef }: CanvasToolbarProps) {
  const tool = useStoreSlice(canvasStore, (s) => s.tool)
  const scale = useStoreSlice(canvasStore, (s) => s.committedCamera.scale)
  const filterOpen = useStoreSlice(canvasStore, (s) => s.filterOpen)
  const onTool = actions.setTool
  const { t, i18n } = useTranslation('canvas')
  const { t: ts } = useTranslation('session')
  const { canUndo, canRedo } = useUndoState(store)
  const cameraRef = useRef<HTMLInputElement>(null)
  const zoomText = formatPercent(Math.round(scale * 100), i18n.resolvedLanguage)
  const onFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])]
    e.target.value = ''
    if (files.length > 0) onImages(files)
  }
  const mode = (which: CanvasTool, icon: keyof typeof icons, extraClass = '') => (
    <button
      type="button"
      className={`sk-tool ${extraClass}`}
      aria-label={t(`tools.${which}`)}
      title={t(`tools.${which}`)}
      aria-pressed={tool === which}
      data-tool={which}
      // Pressing the active drawing tool again goes back to select: phones have no select button.
      onClick={() => onTool(tool === which && which !== 'select' ? 'select' : which)}
    >
      {icons[icon]}
    </button>
  )
  return (
    <div className="sk-canvas-toolbar" role="toolbar" aria-label={t('toolbarLabel')}>
      {mode('select', 'select', 'sk-tool-mode')}
      {mode('hand', 'hand', 'sk-tool-mode')}
      {access.canCreate ? (
        <>
          <button type="button" className="sk-tool sk-tool-primary" aria-label={t('tools.newNote')} title={t('tools.newNote')} onClick={actions.createNoteInView}>
            {icons.note}
          </button>
          {mode('text', 'text')}
          {mode('rect', 'rect')}
          {mode('ellipse', 'ellipse')}
          {mode('arrow', 'arrow')}
          {mode('pen', 'pen')}
          <button type="button" className="sk-tool" aria-label={t('tools.image')} title={t('tools.image')} onClick={() => pickerRef?.current?.click()}>
            {icons.image}
          </button>
          <button type="button" className="sk-tool sk-tool-phone" aria-label={t('tools.camera')} title={t('tools.camera')} onClick={() => cameraRef.current?.click()}>
            {icons.camera}
          </button>
          <input ref={pickerRef} type="file" accept="image/*" multiple hidden onChange={onFiles} data-testid="image-input" />
          <input ref={cameraRef} type="file" accept="image/*" capture="environment" hidden onChange={onFiles} />
        </>
      ) : access.limit === 'private' ? (
        // Private writing: the note button opens the composer, the other tools would be refused.
        <button type="button" className="sk-tool sk-tool-primary sk-tool-note-private" title={ts('private.noteButtonTitle')} onClick={actions.createNoteInView} data-testid="private-note-button">
          {icons.note}
          {ts('private.noteButton')}
        </button>
      ) : null}
      <button type="button" className="sk-tool" aria-label={t('tools.filter')} title={t('tools.filter')} aria-pressed={filterOpen} onClick={actions.toggleFilter}>
        {icons.filter}
      </button>
      <span className="sk-toolbar-divider" aria-hidden="true" />
      <button type="button" className="sk-tool sk-tool-zoom" aria-label={t('zoom.out')} title={t('zoom.out')} onClick={() => actions.zoomBy(1 / ZOOM_STEP)}>
        {icons.zoomOut}
      </button>
      {/* The name starts with the zoom shown ("34 %: Tilbakestill til 100 %"): what a voice-control user reads off the button (WCAG 2.5.3). */}
      <button type="button" className="sk-tool sk-zoom-level" aria-label={`${zoomText}: ${t('zoom.reset')}`} title={t('zoom.reset')} onClick={actions.resetZoom}>
        {zoomText}
      </button>
      <button type="button" className="sk-tool sk-tool-zoom" aria-label={t('zoom.in')} title={t('zoom.in')} onClick={() => actions.zoomBy(ZOOM_STEP)}>
        {icons.zoomIn}
      </button>
      <button type="button" className="sk-tool" aria-label={t('zoom.fit')} title={t('zoom.fit')} onClick={actions.fitByPerson}>
        {icons.fit}
      </button>
      {access.canEdit && (
        <>
          <span className="sk-toolbar-divider" aria-hidden="true" />
          <button type="button" className="sk-tool" aria-label={t('undo')} title={t('undo')} disabled={!canUndo} onClick={() => store.undo()}>
            {icons.undo}
          </button>
          <button type="button" className="sk-tool" aria-label={t('redo')} title={t('redo')} disabled={!canRedo} onClick={() => store.redo()}>
            {icons.redo}
          </button>
        </>
      )}
    </div>
  )
}
