import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { acceptsNotes } from '../../../shared/facilitation/reveal'
import { cardLanes } from '../../../shared/schema/records/card'
import type { TargetLane } from '../../../shared/schema/records/session'
import type { BoardRecord } from '../store/types'
import type { Target } from './boardTarget'

interface TargetPickerProps {
  boards: readonly BoardRecord[]
  value: Target
  onChange: (target: Target) => void
  boardLabel: string
  /** Votes may take all cards of a challenge board; notes go to one lane. */
  allowWholeBoard: boolean
  disabled?: boolean
}

/** A board (of those that take notes) and, on a challenge board, which of the three questions. */
export function TargetPicker({ boards, value, onChange, boardLabel, allowWholeBoard, disabled }: TargetPickerProps) {
  const { t } = useTranslation(['facilitation', 'challenges', 'app'])
  const id = useId()
  const choices = boards.filter((b) => acceptsNotes(b))
  const board = choices.find((b) => b.id === value.boardId)
  if (choices.length === 0) return <p className="facilitation__hint">{t('facilitation:target.noBoards')}</p>
  return (
    <div className="target-picker">
      <div className="facilitation-field">
        <label htmlFor={`${id}-board`}>{boardLabel}</label>
        <select
          id={`${id}-board`}
          value={value.boardId}
          disabled={disabled}
          onChange={(e) => {
            const next = choices.find((b) => b.id === e.target.value)
            if (next) onChange({ boardId: next.id, lane: next.template === 'challengeBoard' && !allowWholeBoard ? 'challenge' : '' })
          }}
        >
          {choices.map((b) => (
            <option key={b.id} value={b.id}>
              {b.title || t('app:boards.untitled')}
            </option>
          ))}
        </select>
      </div>
      {board?.template === 'challengeBoard' && (
        <div className="facilitation-field">
          <label htmlFor={`${id}-lane`}>{t('facilitation:target.lane')}</label>
          <select id={`${id}-lane`} value={value.lane} disabled={disabled} onChange={(e) => onChange({ boardId: board.id, lane: e.target.value as TargetLane })}>
            {allowWholeBoard && <option value="">{t('facilitation:target.allLanes')}</option>}
            {cardLanes.map((lane) => (
              <option key={lane} value={lane}>
                {t(`challenges:lanes.${lane}.question`)}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  )
}

/** "«Tavle 1»" or "«Utfordringer» på «Tavle 2»", for saying where something runs. */
export function useTargetName(boards: readonly BoardRecord[]): (target: Target) => string {
  const { t } = useTranslation(['facilitation', 'challenges', 'app'])
  return (target) => {
    const board = boards.find((b) => b.id === target.boardId)
    const title = board ? board.title || t('app:boards.untitled') : t('facilitation:target.goneBoard')
    if (board?.template !== 'challengeBoard' || target.lane === '') return t('facilitation:target.board', { title })
    return t('facilitation:target.laneOnBoard', { title, lane: t(`challenges:lanes.${target.lane}.name`) })
  }
}
