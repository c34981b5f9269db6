import { forwardRef, useState, type InputHTMLAttributes } from 'react'

interface CommitInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'defaultValue'> {
  value: string
  /** Called with the new text on blur or Enter when it differs from `value`. */
  onCommit(value: string): void
}

/**
 * A text input that writes to the document once per edit: on blur or Enter, not per keystroke.
 * Escape puts back the stored value. While it is not being edited it shows other people's
 * changes as they arrive.
 */
export const CommitInput = forwardRef<HTMLInputElement, CommitInputProps>(function CommitInput({ value, onCommit, onKeyDown, onBlur, ...rest }, ref) {
  const [draft, setDraft] = useState<string | null>(null)
  const commit = () => {
    if (draft !== null && draft !== value) onCommit(draft)
    setDraft(null)
  }
  return (
    <input
      ref={ref}
      {...rest}
      value={draft ?? value}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={(e) => {
        commit()
        onBlur?.(e)
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault()
          commit()
        } else if (e.key === 'Escape') {
          if (draft !== null) e.stopPropagation()
          setDraft(null)
        }
        onKeyDown?.(e)
      }}
    />
  )
})
