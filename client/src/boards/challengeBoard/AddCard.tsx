import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CARD_TEXT_MAX, type CardLane } from '../../../../shared/schema/records/card'

/**
 * Private writing: new cards are written in the composer above the board, seen by no one until the
 * reveal, and all go to one lane (the facilitator's choice): that lane offers the composer, the
 * others say where new cards go now.
 */
export function PrivateAddHint({ lane, privateLane, onWrite }: { lane: CardLane; privateLane: CardLane; onWrite(): void }) {
  const { t } = useTranslation('session')
  const { t: tc } = useTranslation('challenges')
  if (lane !== privateLane) {
    return (
      <p className="csa-add__hint csa-add--private" data-testid="private-add-hint">
        {t('private.otherLane', { lane: tc(`lanes.${privateLane}.name`) })}
      </p>
    )
  }
  return (
    <div className="csa-add csa-add--private" data-testid="private-add-hint">
      <p className="csa-add__hint">{t('private.laneHint')}</p>
      <button type="button" className="button" onClick={onWrite}>
        {t('private.noteButton')}
      </button>
    </div>
  )
}

/** A new card at the bottom of a lane: Enter adds, Shift+Enter is a new line; focus stays for the next. */
export function AddCardForm({ lane, onAdd }: { lane: CardLane; onAdd(text: string): boolean }) {
  const { t } = useTranslation('challenges')
  const [text, setText] = useState('')
  const id = `add-${lane}`
  const submit = () => {
    const trimmed = text.trim()
    if (trimmed === '') return
    if (onAdd(trimmed)) setText('')
  }
  return (
    <form
      className="csa-add"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <label className="csa-add__label" htmlFor={id}>
        {t(`add.${lane}`)}
      </label>
      <textarea
        id={id}
        className="csa-add__input"
        rows={2}
        value={text}
        maxLength={CARD_TEXT_MAX}
        placeholder={t('add.placeholder')}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault()
            submit()
          }
        }}
        data-testid={`add-${lane}`}
      />
      <div className="csa-add__row">
        <span className="csa-add__hint" id={`${id}-hint`}>
          {t('add.hint')}
        </span>
        <button type="submit" className="button" disabled={text.trim() === ''}>
          {t('add.button')}
        </button>
      </div>
    </form>
  )
}
