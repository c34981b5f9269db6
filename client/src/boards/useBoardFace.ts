import { useCallback, useEffect, useState } from 'react'
import type { BoardRecord } from '../../../shared/schema/records/board'
import { isOutlineShortcut, loadBoardMode, saveBoardMode, type BoardMode } from '../outline/boardMode'
import { outlineHeadingId } from '../outline/outlineIds'
import { focusWhenReady } from '../outline/useOutline'
import { useTabMemory } from './useTabMemory'

/** The views each template draws itself in; every board has its outline twin besides. */
export const boardViews = {
  canvas: ['board'],
  involvementMatrix: ['board'],
  stakeholderMap: ['map', 'grid', 'plan'],
  challengeBoard: ['lanes', 'actions'],
} as const satisfies Record<BoardRecord['template'], readonly string[]>

export type BoardView<T extends BoardRecord['template'] = BoardRecord['template']> = (typeof boardViews)[T][number]
/** What a person looks at on one board: one of its views, or its HTML outline. */
export type BoardFace = BoardView | 'outline'

export interface BoardFaceState {
  /** The board's views in the order the switch shows them, then 'outline'. */
  faces: readonly BoardFace[]
  face: BoardFace
  /** The board's view, also while the outline is shown (where "back" goes). */
  view: BoardView
  setFace(face: BoardFace): void
}

/** The id of a face's button in the board's switch: focus lands there when a person leaves the outline. */
export function faceButtonId(boardId: string, face: BoardFace): string {
  return `board-face-${boardId}-${face}`
}

/**
 * Which face of a board this person looks at (session state, per board and tab): its own view
 * (map, grid or plan; lanes or action list) and whether the outline is shown instead. One switch
 * holds both, so a board never shows two "Tavle" toggles. Alt+Shift+O flips to the outline and back.
 * Leaving for the outline puts focus on its heading; coming back, on the pressed button.
 */
export function useBoardFace(board: Pick<BoardRecord, 'id' | 'template'>): BoardFaceState {
  const choices = boardViews[board.template] as readonly BoardView[]
  // The keys the boards used before the switch moved here, so a reload keeps the view.
  const [view, setView] = useTabMemory<BoardView>(viewKey(board), choices, board.template === 'stakeholderMap' ? { hash: 'view' } : {})
  const [mode, setMode] = useState(() => ({ boardId: board.id, mode: loadBoardMode(board.id) }))
  const current: BoardMode = mode.boardId === board.id ? mode.mode : loadBoardMode(board.id)

  const setFace = useCallback(
    (face: BoardFace) => {
      const next: BoardMode = face === 'outline' ? 'outline' : 'canvas'
      if (face !== 'outline') setView(face)
      saveBoardMode(board.id, next)
      setMode({ boardId: board.id, mode: next })
      if (next !== current) focusWhenReady(next === 'outline' ? outlineHeadingId(board.id) : faceButtonId(board.id, face))
    },
    [board.id, current, setView],
  )

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || !isOutlineShortcut(e)) return
      e.preventDefault()
      setFace(current === 'outline' ? view : 'outline')
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [current, setFace, view])

  return { faces: [...choices, 'outline'], face: current === 'outline' ? 'outline' : view, view, setFace }
}

/** The view as one of `template`'s own (the first if it is not, which cannot happen for a board's own face state). */
export function viewOf<T extends BoardRecord['template']>(template: T, view: BoardView): BoardView<T> {
  const views: readonly string[] = boardViews[template]
  return (views.includes(view) ? view : views[0]) as BoardView<T>
}

function viewKey(board: Pick<BoardRecord, 'id' | 'template'>): string {
  switch (board.template) {
    case 'stakeholderMap':
      return `samskap.stakeholderMap.view:${board.id}`
    case 'challengeBoard':
      return `samskap.challengeView.${board.id}`
    default:
      return `samskap.boardView.${board.id}`
  }
}
