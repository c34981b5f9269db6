import type { BoardProps } from '../boards/BoardProps'
import { CanvasOutline } from './CanvasOutline'
import { ChallengeOutline } from './ChallengeOutline'
import { MatrixOutline } from './MatrixOutline'
import { StakeholderMapOutline } from './StakeholderMapOutline'
import './outline.css'

/** The HTML twin of a board: the same records as headings, lists, tables and form controls. */
export function BoardOutline({ store, board }: BoardProps) {
  switch (board.template) {
    case 'canvas':
      return <CanvasOutline key={board.id} store={store} board={board} />
    case 'stakeholderMap':
      return <StakeholderMapOutline key={board.id} store={store} board={board} />
    case 'involvementMatrix':
      return <MatrixOutline key={board.id} store={store} board={board} />
    case 'challengeBoard':
      return <ChallengeOutline key={board.id} store={store} board={board} />
    default: {
      const never: never = board.template
      throw new Error(`unknown template ${String(never)}`)
    }
  }
}
