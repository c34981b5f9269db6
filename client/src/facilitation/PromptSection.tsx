import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PROMPT_QUESTION_MAX } from '../../../shared/schema/records/session'
import { useBoards, useSession } from '../store/hooks'
import { phoneTarget, resolveTarget, type Target } from './boardTarget'
import { CommandStatus } from './CommandStatus'
import { PanelSection, type SectionProps } from './PanelSection'
import { TargetPicker, useTargetName } from './TargetPicker'
import { useCommand } from './useCommand'

interface Draft {
  question: string
  target: Target | null
}

/**
 * "Spørsmål på mobil": what the phone page asks, and where the notes sent from it land. Until the
 * facilitator edits, the form shows what is set now (another facilitator may change it).
 */
export function PromptSection({ store, boardId, open, onToggle }: SectionProps) {
  const { t } = useTranslation(['facilitation', 'challenges', 'app'])
  const { prompt } = useSession(store)
  const boards = useBoards(store)
  const targetName = useTargetName(boards)
  const command = useCommand(store)
  const [draft, setDraft] = useState<Draft | null>(null)
  const id = useId()
  // Where notes go now, as the server decides it; the form starts from there.
  const saved = phoneTarget(prompt, boards)
  const question = draft?.question ?? prompt.question
  const target = resolveTarget(draft?.target ?? saved, boards, boardId, false)
  const shownQuestion = prompt.question || (saved && saved.lane !== '' ? t(`challenges:lanes.${saved.lane}.question`) : '')

  const status = prompt.question ? excerpt(prompt.question) : undefined

  return (
    <PanelSection title={t('prompt.title')} status={status} open={open} onToggle={onToggle} testId="facilitation-prompt">
      <p className="facilitation__hint">{t('prompt.intro')}</p>
      {saved && (
        <div className="prompt-now">
          <p className="prompt-now__label">{t('prompt.nowLabel')}</p>
          <p className="prompt-now__question">{shownQuestion || <em>{t('prompt.boardTitleOnly', { title: boards.find((b) => b.id === saved.boardId)?.title || t('app:boards.untitled') })}</em>}</p>
          <p className="facilitation__muted">{t('prompt.goesTo', { target: targetName(saved) })}</p>
        </div>
      )}
      <form
        className="facilitation__form"
        onSubmit={(e) => {
          e.preventDefault()
          void command
            .run({ type: 'prompt.set', boardId: target.boardId, lane: target.lane, question: question.trim() }, { done: t('prompt.savedDone') })
            .then((outcome) => {
              if (outcome.ok) setDraft(null)
            })
        }}
      >
        <div className="facilitation-field">
          <label htmlFor={`${id}-question`}>{t('prompt.questionLabel')}</label>
          <textarea
            id={`${id}-question`}
            rows={3}
            maxLength={PROMPT_QUESTION_MAX}
            value={question}
            placeholder={t('prompt.questionPlaceholder')}
            aria-describedby={`${id}-count`}
            onChange={(e) => setDraft({ question: e.target.value, target: draft?.target ?? null })}
          />
          <p id={`${id}-count`} className="facilitation__counter">
            {t('prompt.counter', { length: question.length, max: PROMPT_QUESTION_MAX })}
          </p>
        </div>
        <TargetPicker
          boards={boards}
          value={target}
          onChange={(next) => setDraft({ question, target: next })}
          boardLabel={t('prompt.board')}
          allowWholeBoard={false}
        />
        <div className="facilitation__buttons">
          <button type="submit" className="button button--primary" disabled={command.pending || target.boardId === '' || draft === null}>
            {t('prompt.save')}
          </button>
          {draft !== null && (
            <button type="button" className="button" onClick={() => setDraft(null)}>
              {t('prompt.discard')}
            </button>
          )}
        </div>
      </form>
      <CommandStatus state={command.state} onDismiss={command.dismiss} />
    </PanelSection>
  )
}

function excerpt(text: string): string {
  return text.length > 28 ? `${text.slice(0, 26)}…` : text
}
