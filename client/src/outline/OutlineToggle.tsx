import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isOutlineShortcut, loadBoardMode, outlineShortcut, saveBoardMode, type BoardMode } from './boardMode'
import { modeButtonId, outlineHeadingId } from './outlineIds'
import { focusWhenReady } from './useOutline'
import './outline.css'

/**
 * This person's face of a board (session state, per board) and the shortcut that flips it.
 * Switching to the outline puts focus on its heading; switching back, on the "Tavle" button, so a
 * keyboard or screen-reader user is never left on an element that vanished.
 */
export function useBoardMode(boardId: string): [BoardMode, (mode: BoardMode) => void] {
  const [state, setState] = useState(() => ({ boardId, mode: loadBoardMode(boardId) }))
  // Another board: its own remembered choice (adjusting state while rendering, as React advises).
  const current = state.boardId === boardId ? state : { boardId, mode: loadBoardMode(boardId) }
  if (current !== state) setState(current)
  const setMode = useCallback(
    (mode: BoardMode) => {
      saveBoardMode(boardId, mode)
      setState({ boardId, mode })
      focusWhenReady(mode === 'outline' ? outlineHeadingId(boardId) : modeButtonId(boardId, 'canvas'))
    },
    [boardId],
  )
  const mode = current.mode
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || !isOutlineShortcut(e)) return
      e.preventDefault()
      setMode(mode === 'outline' ? 'canvas' : 'outline')
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [mode, setMode])
  return [mode, setMode]
}

/**
 * The visible switch "Tavle / Disposisjon", with the shortcut written beside it. "Tavle" on every
 * template: "Kart" read wrong on the matrix and challenge boards, and the stakeholder map has its
 * own "Kart" view inside.
 */
export function OutlineToggle({ boardId, mode, onChange }: { boardId: string; mode: BoardMode; onChange(mode: BoardMode): void }) {
  const { t } = useTranslation('outline')
  const hintId = `${modeButtonId(boardId, 'outline')}-hint`
  return (
    <div className="ol-toggle" role="group" aria-label={t('toggle.label')} aria-describedby={hintId}>
      {(['canvas', 'outline'] as const).map((m) => (
        <button
          key={m}
          id={modeButtonId(boardId, m)}
          type="button"
          className="ol-toggle__option"
          aria-pressed={mode === m}
          aria-keyshortcuts="Alt+Shift+O"
          title={t('toggle.hint', { shortcut: outlineShortcut.label })}
          data-testid={`board-mode-${m}`}
          onClick={() => onChange(m)}
        >
          {t(`toggle.${m}`)}
        </button>
      ))}
      <span id={hintId} className="ol-toggle__hint">
        <kbd>{outlineShortcut.label}</kbd>
      </span>
    </div>
  )
}
