import { useTranslation } from 'react-i18next'
import { BoardCanvas } from '../canvas/BoardCanvas'
import { BoardOutline } from '../outline/BoardOutline'
import { OutlineToggle, useBoardMode } from '../outline/OutlineToggle'
import { BoardAccessProvider, useBoardAccess } from '../session/BoardAccessContext'
import type { BoardProps } from './BoardProps'
import { BoardHelp } from './BoardHelp'
import { ChallengeBoard } from './challengeBoard/ChallengeBoard'
import { InvolvementMatrixBoard } from './involvementMatrix/InvolvementMatrixBoard'
import { StakeholderMapBoard } from './stakeholderMap/StakeholderMapBoard'

/**
 * Picks the view for a board's template (or its outline twin), under its (hideable) how-to text.
 * What this person may do on the board (role, lock, private writing) is decided here once and
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
  // Canvas or its HTML outline twin: this person's choice for this board (session state).
  const [mode, setMode] = useBoardMode(board.id)
  // The board record is the facilitator's: others do not get a toggle the server would refuse.
  const { canManage } = useBoardAccess()
  return (
    <div className="board-view">
      <BoardHelp
        text={t(`templates.${board.template}.help`)}
        visible={board.showHelp}
        onToggle={canManage ? (visible) => store.setBoardHelpVisible(board.id, visible) : null}
      />
      <OutlineToggle boardId={board.id} mode={mode} onChange={setMode} />
      <div className="board-view__body">{mode === 'outline' ? <BoardOutline store={store} board={board} /> : renderBoard(store, board)}</div>
    </div>
  )
}

function renderBoard(store: BoardProps['store'], board: BoardProps['board']) {
  switch (board.template) {
    case 'canvas':
      return <BoardCanvas key={board.id} store={store} boardId={board.id} />
    case 'stakeholderMap':
      return <StakeholderMapBoard key={board.id} store={store} board={board} />
    case 'involvementMatrix':
      return <InvolvementMatrixBoard key={board.id} store={store} board={board} />
    case 'challengeBoard':
      return <ChallengeBoard key={board.id} store={store} board={board} />
    default: {
      const never: never = board.template
      throw new Error(`unknown template ${String(never)}`)
    }
  }
}
