import { useTranslation } from 'react-i18next'
import { BoardCanvas } from '../canvas/BoardCanvas'
import type { BoardProps } from './BoardProps'
import { BoardHelp } from './BoardHelp'
import { ChallengeBoard } from './challengeBoard/ChallengeBoard'
import { InvolvementMatrixBoard } from './involvementMatrix/InvolvementMatrixBoard'
import { StakeholderMapBoard } from './stakeholderMap/StakeholderMapBoard'

/** Picks the view for a board's template, under its (hideable) how-to text. */
export function BoardView({ store, board }: BoardProps) {
  const { t } = useTranslation('boards')
  return (
    <div className="board-view">
      <BoardHelp
        text={t(`templates.${board.template}.help`)}
        visible={board.showHelp}
        onToggle={(visible) => store.setBoardHelpVisible(board.id, visible)}
      />
      <div className="board-view__body">{renderBoard(store, board)}</div>
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
