import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { copyText } from './copyText'
import './facilitation.css'

interface CopyFieldProps {
  label: string
  value: string
  hint?: string
  className?: string
  /** Each new value above 0 copies at once (the share popover copies its main link when it opens). */
  copyRequest?: number
}

/**
 * A link to hand out: shown in a read-only field (select-all on focus) with a copy button. Where the
 * clipboard is not allowed the text is selected instead, so Ctrl+C (or the phone's menu) works.
 */
export function CopyField({ label, value, hint, className, copyRequest = 0 }: CopyFieldProps) {
  const { t } = useTranslation('facilitation')
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)
  const id = useId()

  const copy = useCallback(
    async (moveFocus = true) => {
      setCopied(null)
      if (await copyText(value)) {
        setCopied('yes')
      } else {
        // Plain http on a LAN has no clipboard API: select the text so Ctrl+C works.
        if (moveFocus) input.current?.focus()
        input.current?.select()
        setCopied('no')
      }
    },
    [value],
  )

  useEffect(() => {
    if (copyRequest > 0) void copy(false)
  }, [copyRequest, copy])

  return (
    <div className={`copy-field ${className ?? ''}`}>
      <label className="copy-field__label" htmlFor={id}>
        {label}
      </label>
      <div className="copy-field__row">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          className="copy-field__input"
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <button type="button" className="button copy-field__button" onClick={() => void copy()}>
          {t('copy.button')}
          <span className="visually-hidden"> {label}</span>
        </button>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="copy-field__hint">
          {hint}
        </p>
      )}
      <p role="status" className="copy-field__status">
        {copied === 'yes' ? t('copy.copied') : copied === 'no' ? t('copy.failed') : ''}
      </p>
    </div>
  )
}
