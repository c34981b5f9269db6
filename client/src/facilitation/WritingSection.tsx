import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../i18n/format'
import { useBoards, useHeld, useSession } from '../store/hooks'
import { resolveTarget, type Target } from './boardTarget'
import { CommandStatus } from './CommandStatus'
import { PanelSection, type SectionProps } from './PanelSection'
import { TargetPicker, useTargetName } from './TargetPicker'
import { useCommand } from './useCommand'

/**
 * "Skriving hver for seg": everyone writes notes only they can see, then all of them appear on the
 * board at once, so the first loud idea does not steer the rest.
 */
export function WritingSection({ store, boardId, open, onToggle }: SectionProps) {
  const { t } = useTranslation('facilitation')
  const { phase } = useSession(store)
  const held = useHeld(store)
  const boards = useBoards(store)
  const command = useCommand(store)
  const targetName = useTargetName(boards)
  const [chosen, setChosen] = useState<Target | null>(null)
  const [facilitatorSees, setFacilitatorSees] = useState(false)
  const id = useId()
  const target = resolveTarget(chosen, boards, boardId, false)
  const running = phase.kind === 'private'
  const status = !running ? undefined : held.privateNotes === 0 ? t('writing.statusStarted') : t('writing.statusRunning', { count: held.privateNotes })

  return (
    <PanelSection title={t('writing.title')} status={status} open={open} onToggle={onToggle} testId="facilitation-writing">
      {!running ? (
        <>
          <p className="facilitation__hint">{t('writing.intro')}</p>
          <TargetPicker boards={boards} value={target} onChange={setChosen} boardLabel={t('writing.board')} allowWholeBoard={false} />
          <label className="facilitation-check">
            <input type="checkbox" checked={facilitatorSees} onChange={(e) => setFacilitatorSees(e.target.checked)} />
            <span>{t('writing.facilitatorSees')}</span>
          </label>
          <button
            type="button"
            className="button button--primary facilitation__wide"
            disabled={command.pending || target.boardId === ''}
            onClick={() =>
              void command.run(
                { type: 'phase.private', boardId: target.boardId, lane: target.lane, facilitatorSees },
                { done: t('writing.startedDone') },
              )
            }
          >
            {t('writing.start')}
          </button>
        </>
      ) : (
        <>
          <p className="facilitation__lead">
            {t('writing.runningOn', { target: targetName(phase), time: formatDateTime(phase.startedAt, undefined, { timeStyle: 'short' }) })}
          </p>
          <p className="facilitation__progress" data-testid="facilitation-writing-progress">
            {held.privateNotes === 0
              ? t('writing.progressNone')
              : t('writing.progress', { count: held.privateNotes, authors: t('writing.authors', { count: held.privateAuthors }) })}
          </p>
          {phase.facilitatorSees ? (
            <PrivateNotes notes={held.notes.filter((n) => n.status === 'private' && n.phaseId === phase.id)} labelId={`${id}-notes`} />
          ) : (
            <p className="facilitation__hint">{t('writing.hiddenFromYou')}</p>
          )}
          <button
            type="button"
            className="button button--primary facilitation__wide"
            disabled={command.pending}
            onClick={() =>
              void command.run({ type: 'phase.reveal' }).then((outcome) => {
                if (outcome.ok) setChosen(null)
              })
            }
          >
            {held.privateNotes > 0 ? t('writing.reveal', { count: held.privateNotes }) : t('writing.revealNone')}
          </button>
        </>
      )}
      <CommandStatus state={command.state} onDismiss={command.dismiss} />
    </PanelSection>
  )
}

function PrivateNotes({ notes, labelId }: { notes: readonly { id: string; text: string; authorName: string }[]; labelId: string }) {
  const { t } = useTranslation('facilitation')
  if (notes.length === 0) return <p className="facilitation__hint">{t('writing.noneYet')}</p>
  return (
    <>
      <h4 id={labelId} className="facilitation__subheading">
        {t('writing.notesHeading')}
      </h4>
      <ul className="held-list" aria-labelledby={labelId}>
        {notes.map((note) => (
          <li key={note.id} className="held-list__item">
            <p className="held-list__text">{note.text}</p>
            <p className="held-list__meta">{note.authorName || t('people.unnamed')}</p>
          </li>
        ))}
      </ul>
    </>
  )
}
