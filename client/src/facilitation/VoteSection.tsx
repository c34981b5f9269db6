import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { VOTES_PER_PERSON_MAX } from '../../../shared/schema/records/session'
import { useBoards, useSession, useTally } from '../store/hooks'
import { resolveTarget, type Target } from './boardTarget'
import { CommandStatus } from './CommandStatus'
import { InlineConfirm } from './InlineConfirm'
import { PanelSection, type SectionProps } from './PanelSection'
import { TargetPicker, useTargetName } from './TargetPicker'
import { useBoardItems } from './useBoardItems'
import { useCommand } from './useCommand'
import { voteRanking, type RankedVoteItem } from './voteRanking'
import { clampVoteSettings, defaultVoteSettings } from './voteSettings'

/** How many of the leaders the live count shows while a vote is open; the results show all. */
const LIVE_TOP = 10

/** "Avstemning": dot voting on a board or one lane, with live progress and the ranking after. */
export function VoteSection({ store, boardId, open, onToggle }: SectionProps) {
  const { t } = useTranslation('facilitation')
  const { vote } = useSession(store)
  const tally = useTally(store)
  const boards = useBoards(store)
  const targetName = useTargetName(boards)
  const command = useCommand(store)
  const items = useBoardItems(store, vote?.boardId ?? '')
  const [chosen, setChosen] = useState<Target | null>(null)
  const [votes, setVotes] = useState(String(defaultVoteSettings.votesPerPerson))
  const [perItem, setPerItem] = useState(String(defaultVoteSettings.maxPerItem))
  const [hidden, setHidden] = useState(false)
  const id = useId()
  const target = resolveTarget(chosen, boards, boardId, true)
  const settings = clampVoteSettings(Number.parseInt(votes, 10), Number.parseInt(perItem, 10))
  const liveTally = vote?.status === 'open' && tally?.voteId === vote.id ? tally : null

  const status =
    vote?.status === 'open'
      ? t('vote.statusOpen', { count: liveTally?.voters ?? 0 })
      : vote?.status === 'closed'
        ? t('vote.statusClosed')
        : undefined

  return (
    <PanelSection title={t('vote.title')} status={status} open={open} onToggle={onToggle} testId="facilitation-vote">
      {vote === null && (
        <form
          className="facilitation__form"
          // The numbers are clamped to what the server takes (voteSettings.ts), not refused by the browser.
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            setVotes(String(settings.votesPerPerson))
            setPerItem(String(settings.maxPerItem))
            void command.run(
              { type: 'vote.open', boardId: target.boardId, lane: target.lane, votesPerPerson: settings.votesPerPerson, maxPerItem: settings.maxPerItem, hidden },
              { done: t('vote.openedDone') },
            )
          }}
        >
          <p className="facilitation__hint">{t('vote.intro')}</p>
          <TargetPicker boards={boards} value={target} onChange={setChosen} boardLabel={t('vote.board')} allowWholeBoard />
          <div className="facilitation__pair">
            <div className="facilitation-field">
              <label htmlFor={`${id}-votes`}>{t('vote.votesPerPerson')}</label>
              <input
                id={`${id}-votes`}
                type="number"
                inputMode="numeric"
                min={1}
                max={VOTES_PER_PERSON_MAX}
                value={votes}
                onChange={(e) => setVotes(e.target.value)}
                onBlur={() => {
                  setVotes(String(settings.votesPerPerson))
                  setPerItem(String(settings.maxPerItem))
                }}
              />
            </div>
            <div className="facilitation-field">
              <label htmlFor={`${id}-per-item`}>{t('vote.maxPerItem')}</label>
              <input
                id={`${id}-per-item`}
                type="number"
                inputMode="numeric"
                min={1}
                max={settings.votesPerPerson}
                value={perItem}
                onChange={(e) => setPerItem(e.target.value)}
                onBlur={() => setPerItem(String(settings.maxPerItem))}
              />
            </div>
          </div>
          <label className="facilitation-check">
            <input type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} />
            <span>{t('vote.hidden')}</span>
          </label>
          <button type="submit" className="button button--primary facilitation__wide" disabled={command.pending || target.boardId === ''}>
            {t('vote.open')}
          </button>
        </form>
      )}

      {vote?.status === 'open' && (
        <>
          <p className="facilitation__lead">
            {t('vote.openOn', { target: targetName(vote) })}{' '}
            <span className="facilitation__muted">{t('vote.rules', { count: vote.votesPerPerson, max: vote.maxPerItem })}</span>
          </p>
          <p className="facilitation__progress" data-testid="facilitation-vote-progress">
            {t('vote.progress', { count: liveTally?.voters ?? 0, dots: t('vote.dots', { count: liveTally?.dots ?? 0 }) })}
          </p>
          {vote.hidden ? (
            <p className="facilitation__hint">{t('vote.hiddenWhileOpen')}</p>
          ) : (
            liveTally && (
              <Ranking
                ranking={voteRanking(liveTally.counts, items).slice(0, LIVE_TOP)}
                heading={t('vote.liveHeading')}
                empty={t('vote.noDotsYet')}
                testId="facilitation-vote-live"
              />
            )
          )}
          <div className="facilitation__buttons">
            <button
              type="button"
              className="button button--primary"
              disabled={command.pending}
              onClick={() => void command.run({ type: 'vote.close' }, { done: t('vote.closedDone') })}
            >
              {t('vote.close')}
            </button>
            <InlineConfirm
              label={t('vote.cancel')}
              question={t('vote.cancelQuestion')}
              confirmLabel={t('vote.cancelConfirm')}
              onConfirm={() => void command.run({ type: 'vote.dismiss' }, { done: t('vote.cancelledDone') })}
              disabled={command.pending}
              danger
            />
          </div>
        </>
      )}

      {vote?.status === 'closed' && (
        <>
          <p className="facilitation__lead">
            {t('vote.closedOn', { target: targetName(vote) })}{' '}
            <span className="facilitation__muted">{t('vote.voters', { count: vote.voters })}</span>
          </p>
          <Ranking ranking={voteRanking(vote.results, items)} heading={t('vote.resultsHeading')} empty={t('vote.noDots')} testId="facilitation-vote-results" />
          <button
            type="button"
            className="button facilitation__wide"
            disabled={command.pending}
            onClick={() => void command.run({ type: 'vote.dismiss' }, { done: t('vote.dismissedDone') })}
          >
            {t('vote.dismiss')}
          </button>
          <p className="facilitation__hint">{t('vote.dismissHint')}</p>
        </>
      )}
      <CommandStatus state={command.state} onDismiss={command.dismiss} />
    </PanelSection>
  )
}

function Ranking({ ranking, heading, empty, testId }: { ranking: readonly RankedVoteItem[]; heading: string; empty: string; testId: string }) {
  const { t } = useTranslation('facilitation')
  const id = useId()
  return (
    <div className="ranking" data-testid={testId}>
      <h4 id={id} className="facilitation__subheading">
        {heading}
      </h4>
      {ranking.length === 0 ? (
        <p className="facilitation__hint">{empty}</p>
      ) : (
        <ol className="ranking__list" aria-labelledby={id}>
          {ranking.map((entry) => (
            <li key={entry.itemId} className="ranking__item">
              <span className="ranking__rank" aria-hidden="true">
                {entry.rank}.
              </span>
              <span className="ranking__text">{entry.text === null ? <em>{t('vote.deletedItem')}</em> : entry.text || <em>{t('vote.emptyItem')}</em>}</span>
              <span className="ranking__count">
                {t('vote.dots', { count: entry.count })}
              </span>
              <span className="visually-hidden">{t('vote.rank', { rank: entry.rank })}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
