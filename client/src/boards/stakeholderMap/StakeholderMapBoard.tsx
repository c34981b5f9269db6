import type { BoardProps } from '../BoardProps'

/** Placeholder until the board is built. */
export function StakeholderMapBoard({ board }: BoardProps) {
  return <div className="placeholder">{board.title}</div>
}
