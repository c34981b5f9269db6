import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface InlineConfirmProps {
  /** The button that asks (e.g. "Lag ny kode"). */
  label: ReactNode
  /** What will happen, in plain words. */
  question: ReactNode
  /** The button that does it (e.g. "Ja, lag ny kode"). */
  confirmLabel: string
  onConfirm: () => void
  danger?: boolean
  disabled?: boolean
  buttonClassName?: string
  /** Extra words for screen readers on the first button, e.g. whom "Fjern" removes. */
  accessibleSuffix?: string
}

/**
 * A second step for an action that cannot be taken back, inside the panel rather than a modal on
 * top of it: the question appears under the button, focus moves to it, Escape or "Avbryt" goes back.
 */
export function InlineConfirm({ label, question, confirmLabel, onConfirm, danger, disabled, buttonClassName, accessibleSuffix }: InlineConfirmProps) {
  const { t } = useTranslation('facilitation')
  const [asking, setAsking] = useState(false)
  const opener = useRef<HTMLButtonElement>(null)
  const box = useRef<HTMLDivElement>(null)
  const questionId = useId()

  useEffect(() => {
    if (asking) box.current?.querySelector<HTMLElement>('.inline-confirm__cancel')?.focus()
  }, [asking])

  function cancel() {
    setAsking(false)
    requestAnimationFrame(() => opener.current?.focus())
  }

  if (!asking) {
    return (
      <button ref={opener} type="button" className={buttonClassName ?? 'button'} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
        {accessibleSuffix && <span className="visually-hidden"> {accessibleSuffix}</span>}
      </button>
    )
  }
  return (
    <div
      ref={box}
      className={`inline-confirm${danger ? ' inline-confirm--danger' : ''}`}
      role="group"
      aria-labelledby={questionId}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return
        // Only this question closes, not the panel around it.
        e.preventDefault()
        e.stopPropagation()
        cancel()
      }}
    >
      <p id={questionId} className="inline-confirm__question">
        {question}
      </p>
      <div className="inline-confirm__actions">
        <button
          type="button"
          className={danger ? 'button button--danger' : 'button button--primary'}
          onClick={() => {
            setAsking(false)
            onConfirm()
            requestAnimationFrame(() => opener.current?.focus())
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button inline-confirm__cancel" onClick={cancel}>
          {t('confirm.cancel')}
        </button>
      </div>
    </div>
  )
}
