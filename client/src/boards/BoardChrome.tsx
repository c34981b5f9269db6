import { createContext, Fragment, useContext, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { outlineShortcut } from '../outline/boardMode'
import { faceButtonId, type BoardFace, type BoardFaceState } from './useBoardFace'
import './boardChrome.css'

/** Where a board puts its own tools: in the one row above it, beside the view switch. */
const ToolsSlot = createContext<HTMLElement | null>(null)
export const BoardToolsSlotProvider = ToolsSlot.Provider

/**
 * A board's tools (add, groups, filter, undo; the challenge board's filter and legend), drawn in
 * the board's chrome row (BoardView) so every board has one row of chrome, not a row per control.
 * Events still reach the board through React's tree.
 */
export function BoardTools({ children }: { children: ReactNode }) {
  const slot = useContext(ToolsSlot)
  return slot ? createPortal(children, slot) : null
}

interface BoardChromeRowProps {
  boardId: string
  face: BoardFaceState
  /** The "?" button and its text. */
  help: ReactNode
  /** Gets the element the board's tools are drawn into. */
  toolsRef(element: HTMLDivElement | null): void
}

/** The one row above every board: its views and the outline in one switch, the board's tools, "?". */
export function BoardChromeRow({ boardId, face, help, toolsRef }: BoardChromeRowProps) {
  return (
    <div className="board-chrome" data-testid="board-chrome">
      <ViewSwitch boardId={boardId} face={face} />
      <div className="board-chrome__tools" ref={toolsRef} />
      {help}
    </div>
  )
}

/**
 * One switch per board for everything it can be shown as: "Tavle | Disposisjon" on the canvas and
 * the matrix, "Kart | Påvirkning/interesse | Kommunikasjonsplan | Disposisjon" on the map, "Tavle |
 * Tiltaksliste | Disposisjon" on the challenge board. Pressed is shown by fill and a check mark.
 */
export function ViewSwitch({ boardId, face }: { boardId: string; face: BoardFaceState }) {
  const { t } = useTranslation(['outline', 'stakeholderMap', 'challenges'])
  return (
    <div
      className={face.faces.length > 2 ? 'view-switch view-switch--many' : 'view-switch'}
      role="group"
      aria-label={t('outline:toggle.label')}
      data-testid="board-view-switch"
    >
      {face.faces.map((f, i) => (
        <button
          key={f}
          id={faceButtonId(boardId, f)}
          type="button"
          className="view-switch__option"
          aria-pressed={face.face === f}
          aria-keyshortcuts={f === 'outline' ? outlineShortcut.label : undefined}
          title={f === 'outline' ? t('outline:toggle.hint', { shortcut: outlineShortcut.label }) : undefined}
          data-testid={f === 'outline' ? 'board-mode-outline' : i === 0 ? 'board-mode-canvas' : `view-${f}`}
          onClick={() => face.setFace(f)}
        >
          {wrapAfterSlash(faceLabel(f, t))}
        </button>
      ))}
    </div>
  )
}

function faceLabel(face: BoardFace, t: (key: string) => string): string {
  switch (face) {
    case 'board':
      return t('outline:toggle.canvas')
    case 'outline':
      return t('outline:toggle.outline')
    case 'map':
    case 'grid':
    case 'plan':
      return t(`stakeholderMap:layout.${face}`)
    case 'lanes':
    case 'actions':
      return t(`challenges:view.${face}`)
  }
}

/**
 * Lets "Påvirkning/interesse" break after the slash, and a long compound where its translation
 * marks the joint with a soft hyphen ("Kommunikasjons\u00adplan"), on a phone, without changing the
 * accessible name: the mark becomes a <wbr>, never text.
 */
function wrapAfterSlash(label: string) {
  const parts = label.split(/(\/|\u00ad)/)
  return parts.map((part, i) =>
    part === '/' ? (
      <Fragment key={i}>
        /<wbr />
      </Fragment>
    ) : part === '\u00ad' ? (
      <wbr key={i} />
    ) : (
      <Fragment key={i}>{part}</Fragment>
    ),
  )
}
