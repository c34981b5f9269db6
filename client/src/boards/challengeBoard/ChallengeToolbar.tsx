import { useTranslation } from 'react-i18next'
import { BoardTools } from '../BoardChrome'

/** Board or action list: chosen in the board's switch (BoardView), kept per board for this tab. */
export type ChallengeView = 'lanes' | 'actions'

export type Notice = { kind: 'info' | 'error'; text: string; undo: boolean }

interface ChallengeToolbarProps {
  boardId: string
  /** The key to the two kinds of connector curves, beside the lanes on wide screens. */
  showLegend: boolean
  filterOpen: boolean
  filterActive: boolean
  filterCount: { shown: number; total: number }
  onToggleFilter(): void
}

/**
 * The tag filter (with "showing 3 of 9" while it is closed) and the legend, in the board's chrome
 * row beside the switch between lanes, action list and outline.
 */
export function ChallengeToolbar({ boardId, showLegend, filterOpen, filterActive, filterCount, onToggleFilter }: ChallengeToolbarProps) {
  const { t } = useTranslation('challenges')
  return (
    <BoardTools>
      <div className="csa__toolbar">
        <div className="csa-filter-toggle">
          <button
            type="button"
            className={`csa-small-button${filterActive ? ' csa-small-button--active' : ''}`}
            aria-expanded={filterOpen}
            aria-controls={`tag-filter-${boardId}`}
            onClick={onToggleFilter}
            data-testid="tag-filter-toggle"
          >
            {t('filter.button')}
          </button>
          {filterActive && !filterOpen ? (
            <span className="csa-filter-summary" role="status">
              {t('filter.summary', { shown: filterCount.shown, total: filterCount.total })}
            </span>
          ) : null}
        </div>
        {showLegend ? (
          <p className="csa-legend" aria-label={t('links.legend')}>
            <span className="csa-legend__item">
              <svg width="36" height="12" aria-hidden="true">
                <path d="M 2 6 L 26 6" className="csa-connector csa-connector--answers" markerEnd="url(#csa-arrow-answers)" />
              </svg>
              {t('links.legendAnswers')}
            </span>
            <span className="csa-legend__item">
              <svg width="36" height="12" aria-hidden="true">
                <path d="M 2 6 L 26 6" className="csa-connector csa-connector--carriesOut" markerEnd="url(#csa-arrow-carriesOut)" />
              </svg>
              {t('links.legendCarriesOut')}
            </span>
          </p>
        ) : null}
      </div>
    </BoardTools>
  )
}

/** What just happened (moved, linked, deleted: with undo) or why an edit was refused; a live region. */
export function NoticeBar({ notice, onUndo, onDismiss }: { notice: Notice | null; onUndo(): void; onDismiss(): void }) {
  const { t } = useTranslation('challenges')
  return (
    <div className={`csa-notice${notice ? ` csa-notice--${notice.kind}` : ''}`} role="status" aria-live="polite">
      {notice ? (
        <>
          <span>{notice.text}</span>
          {notice.undo ? (
            <button type="button" className="csa-small-button" onClick={onUndo}>
              {t('notices.undo')}
            </button>
          ) : null}
          <button type="button" className="csa-icon-button" aria-label={t('notices.dismiss')} onClick={onDismiss}>
            <span aria-hidden="true">×</span>
          </button>
        </>
      ) : null}
    </div>
  )
}
