import { useTranslation } from 'react-i18next'
import { BoardCanvas } from '../canvas/BoardCanvas'
import { BoardOutline } from '../outline/BoardOutline'
import { OutlineToggle, useBoardMode } from '../outline/OutlineToggle'
import type { BoardProps } from './BoardProps'
import { BoardHelp } from './BoardHelp'
import { ChallengeBoard } from './challengeBoard/ChallengeBoard'
import { InvolvementMatrixBoard } from './involvementMatrix/InvolvementMatrixBoard'
import { StakeholderMapBoard } from './stakeholderMap/StakeholderMapBoard'

/** Picks the view for a board's template (or its outline twin), under its (hideable) how-to text. */
export function BoardView({ store, board }: BoardProps) {
  const { t } = useTranslation('boards')
  // Canvas or its HTML outline twin: this person's choice for this board (session state).
  const [mode, setMode] = useBoardMode(board.id)
  return (
    <div className="board-view">
      <BoardHelp
        text={t(`templates.${board.template}.help`)}
        visible={board.showHelp}
        onToggle={(visible) => store.setBoardHelpVisible(board.id, visible)}
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
