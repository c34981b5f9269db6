import { useTranslation } from 'react-i18next'
import { useUndoState } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { icons } from './icons'

export type CanvasTool = 'select' | 'hand'

interface CanvasToolbarProps {
  store: WorkshopStore
  tool: CanvasTool
  scale: number
  onTool(tool: CanvasTool): void
  onNewNote(): void
  onZoom(direction: 1 | -1): void
  onFit(): void
  onResetZoom(): void
}

/** The board's main tools, at the bottom edge. */
export function CanvasToolbar({ store, tool, scale, onTool, onNewNote, onZoom, onFit, onResetZoom }: CanvasToolbarProps) {
  const { t } = useTranslation('canvas')
  const { canUndo, canRedo } = useUndoState(store)
  return (
    <div className="sk-canvas-toolbar" role="toolbar" aria-label={t('toolbarLabel')}>
      <button type="button" className="sk-tool sk-tool-mode" aria-label={t('tools.select')} title={t('tools.select')} aria-pressed={tool === 'select'} onClick={() => onTool('select')}>
        {icons.select}
      </button>
      <button type="button" className="sk-tool sk-tool-mode" aria-label={t('tools.hand')} title={t('tools.hand')} aria-pressed={tool === 'hand'} onClick={() => onTool('hand')}>
        {icons.hand}
      </button>
      <button type="button" className="sk-tool sk-tool-primary" aria-label={t('tools.newNote')} title={t('tools.newNote')} onClick={onNewNote}>
        {icons.note}
      </button>
      <span className="sk-toolbar-divider" aria-hidden="true" />
      <button type="button" className="sk-tool" aria-label={t('zoom.out')} title={t('zoom.out')} onClick={() => onZoom(-1)}>
        {icons.zoomOut}
      </button>
      <button type="button" className="sk-tool sk-zoom-level" aria-label={t('zoom.reset')} title={t('zoom.reset')} onClick={onResetZoom}>
        {t('zoom.percent', { percent: Math.round(scale * 100) })}
      </button>
      <button type="button" className="sk-tool" aria-label={t('zoom.in')} title={t('zoom.in')} onClick={() => onZoom(1)}>
        {icons.zoomIn}
      </button>
      <button type="button" className="sk-tool" aria-label={t('zoom.fit')} title={t('zoom.fit')} onClick={onFit}>
        {icons.fit}
      </button>
      <span className="sk-toolbar-divider" aria-hidden="true" />
      <button type="button" className="sk-tool" aria-label={t('undo')} title={t('undo')} disabled={!canUndo} onClick={() => store.undo()}>
        {icons.undo}
      </button>
      <button type="button" className="sk-tool" aria-label={t('redo')} title={t('redo')} disabled={!canRedo} onClick={() => store.redo()}>
        {icons.redo}
      </button>
    </div>
  )
}
