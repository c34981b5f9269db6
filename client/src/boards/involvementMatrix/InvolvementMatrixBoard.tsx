import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardRecord } from '../../../../shared/schema/records/board'
import { useBoardAccess } from '../../session/BoardAccessContext'
import { useBoards } from '../../store/hooks'
import { useTemplateTitles } from '../AddBoardMenu'
import type { BoardProps } from '../BoardProps'
import { useCommitPlan } from '../../store/useCommitPlan'
import { InvolvementMatrix } from './InvolvementMatrix'
import './involvementMatrix.css'
import './collaborationCard.css'

/**
 * The involvement matrix (interessentinvolvering): the stakeholders of the linked stakeholder map
 * as rows, the OECD ladder as columns. Without a (living) linked map it asks which map to use.
 */
export function InvolvementMatrixBoard({ store, board }: BoardProps) {
  const boards = useBoards(store)
  const map = boards.find((b) => b.id === board.linkedBoardId && b.template === 'stakeholderMap')
  if (!map) return <ChooseMap store={store} board={board} maps={boards.filter((b) => b.template === 'stakeholderMap')} />
  return <InvolvementMatrix store={store} board={board} map={map} />
}

function ChooseMap({ store, board, maps }: BoardProps & { maps: readonly BoardRecord[] }) {
  const { t } = useTranslation('matrix')
  const { t: tb } = useTranslation('boards')
  const titles = useTemplateTitles()
  const [error, setError] = useState<string | null>(null)
  // Linking a map changes the board record and may add a board: the facilitator's to do.
  const { canManage } = useBoardAccess()
  const commit = useCommitPlan(store, (refused) => setError(refused.message))
  const linkTo = (linkedBoardId: string) => store.applyPlan({ updateBoards: [{ id: board.id, patch: { linkedBoardId } }] })
  const link = (linkedBoardId: string) => {
    if (commit(() => linkTo(linkedBoardId))) setError(null)
  }
  // The new map and the link are one undo step.
  const create = () => {
    if (commit(() => linkTo(store.addBoardFromTemplate('stakeholderMap', titles, '')))) setError(null)
  }
  return (
    <div className="matrix-board matrix-board--empty" data-testid="involvement-matrix">
      <div className="matrix-empty">
        <p className="matrix-empty__text">{board.linkedBoardId === '' ? tb('linked.none') : tb('linked.missing')}</p>
        {!canManage ? (
          <p className="matrix-empty__hint">{t('matrix.facilitatorChooses', { ns: 'session' })}</p>
        ) : maps.length > 0 ? (
          <label className="matrix-empty__choose">
            <span>{tb('linked.choose')}</span>
            <select className="matrix-select" value="" onChange={(e) => e.target.value && link(e.target.value)} data-testid="matrix-choose-map">
              <option value="">{t('empty.choosePlaceholder')}</option>
              {maps.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="matrix-empty__hint">{t('empty.noMaps')}</p>
        )}
        {canManage && (
          <button type="button" className="button button--primary" onClick={create}>
            {tb('linked.create')}
          </button>
        )}
        {error && (
          <p role="alert" className="matrix-error">
            {t('error', { message: error })}
          </p>
        )}
      </div>
    </div>
  )
}
