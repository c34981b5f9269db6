import { useState } from 'react'
import { focusItemElement, useItemFocus } from '../lib/itemFocus'
import { useTranslation } from 'react-i18next'
import { BoardCanvas } from '../canvas/BoardCanvas'
import { BoardOutline } from '../outline/BoardOutline'
import { BoardAccessProvider, useBoardAccess } from '../session/BoardAccessContext'
import { BoardChromeRow, BoardToolsSlotProvider } from './BoardChrome'
import type { BoardProps } from './BoardProps'
import { BoardHelp } from './BoardHelp'
import { ChallengeBoard } from './challengeBoard/ChallengeBoard'
import { InvolvementMatrixBoard } from './involvementMatrix/InvolvementMatrixBoard'
import { StakeholderMapBoard } from './stakeholderMap/StakeholderMapBoard'
import { useBoardFace, viewOf, type BoardFaceState } from './useBoardFace'

/**
 * Picks the view for a board's template (or its outline twin) under one row of chrome: the
 * switch between the board's views and its outline, the board's own tools, and "?" for how to use
 * it. What this person may do on the board (role, lock, private writing) is decided here once and
 * given to every view below through the board access context.
 */
export function BoardView({ store, board }: BoardProps) {
  return (
    <BoardAccessProvider store={store} boardId={board.id}>
      <BoardViewBody store={store} board={board} />
    </BoardAccessProvider>
  )
}

function BoardViewBody({ store, board }: BoardProps) {
  const { t } = useTranslation('boards')
  const face = useBoardFace(board)
  // The board record is the facilitator's: others do not get a switch the server would refuse.
  const { canManage } = useBoardAccess()
  const [tools, setTools] = useState<HTMLDivElement | null>(null)
  // A link to an item (`&item=`): boards drawn in HTML show it here; the canvas and the stakeholder
  // map do it themselves (BoardCanvas, StakeholderMapBoard).
  const drawnByItself = (board.template === 'canvas' || board.template === 'stakeholderMap') && face.face !== 'outline'
  useItemFocus(store, board.id, drawnByItself ? leaveToCanvas : focusItemElement)
  return (
    <div className="board-view">
      <BoardChromeRow
        boardId={board.id}
        face={face}
        toolsRef={setTools}
        help={
          <BoardHelp
            boardId={board.id}
            text={t(`templates.${board.template}.help`)}
            shownForEveryone={board.showHelp}
            onShowForEveryone={canManage ? (shown) => store.setBoardHelpVisible(board.id, shown) : null}
          />
        }
      />
      <BoardToolsSlotProvider value={face.face === 'outline' ? null : tools}>
        <div className="board-view__body">{face.face === 'outline' ? <BoardOutline store={store} board={board} /> : renderBoard(store, board, face)}</div>
      </BoardToolsSlotProvider>
    </div>
  )
}

function leaveToCanvas(): boolean {
  return false
}

function renderBoard(store: BoardProps['store'], board: BoardProps['board'], face: BoardFaceState) {
  switch (board.template) {
    case 'canvas':
      return <BoardCanvas key={board.id} store={store} boardId={board.id} />
    case 'stakeholderMap':
      return <StakeholderMapBoard key={board.id} store={store} board={board} view={viewOf('stakeholderMap', face.view)} />
    case 'involvementMatrix':
      return <InvolvementMatrixBoard key={board.id} store={store} board={board} />
    case 'challengeBoard':
      return <ChallengeBoard key={board.id} store={store} board={board} view={viewOf('challengeBoard', face.view)} onView={face.setFace} />
    default: {
      const never: never = board.template
      throw new Error(`unknown template ${String(never)}`)
    }
  }
}
