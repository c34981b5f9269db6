import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { ItemRecord } from '../../../shared/schema/schema'
import type { BoardVoting } from '../session/useBoardVote'

/**
 * The vote on one note or card in the outline: the counts in words and "Gi prikk" / "Ta tilbake
 * prikk" buttons, so keyboard and screen-reader users vote like everyone else. The outline reads
 * the vote once (`useBoardVote`) and hands it to every item.
 */
export function OutlineVote({ voting, item, label }: { voting: BoardVoting; item: ItemRecord; label: string }) {
  const { t } = useTranslation('session')
  const blockedId = useId()
  const view = voting.view
  if (!view || !voting.isEligible(item)) return null
  const mine = view.mine[item.id] ?? 0
  const total = view.totals ? (view.totals[item.id] ?? 0) : null
  if (!view.open) {
    return total ? (
      <p className="ol-note ol-vote" data-testid="outline-vote">
        {t('results.itemResult', { count: total })}
      </p>
    ) : null
  }
  const blocked = voting.castBlocked(item.id)
  const counts = !voting.canVote ? (total === null ? null : t('results.dots', { count: total })) : total === null ? t('vote.mineShort', { count: mine }) : t('vote.mineAndTotal', { mine, total })
  return (
    <div className="ol-vote ol-buttons" role="group" aria-label={t('vote.groupLabelFor', { label })} data-testid="outline-vote">
      {counts && <span className="ol-vote__counts">{counts}</span>}
      {voting.canVote && (
        <>
          <button
            type="button"
            className="ol-button"
            onClick={() => void voting.cast(item.id)}
            disabled={blocked !== null}
            aria-describedby={blocked ? blockedId : undefined}
            data-testid="outline-vote-cast"
          >
            {t('vote.cast')}
          </button>
          <button type="button" className="ol-button" disabled={mine === 0} onClick={() => void voting.retract(item.id)} data-testid="outline-vote-retract">
            {t('vote.retract')}
          </button>
          <span className="visually-hidden">{t('vote.leftShort', { count: view.left })}</span>
          {blocked && (
            <span id={blockedId} className="ol-vote__blocked" data-testid="outline-vote-blocked">
              {blocked}
            </span>
          )}
        </>
      )}
    </div>
  )
}
