import { useState, type ReactNode } from 'react'
import { useBoardAccess } from '../session/BoardAccessContext'

interface TextFieldProps {
  id: string
  label: string
  value: string
  /** Saves the value; false when the store refused it (the draft then stays for another try). */
  onCommit(value: string): boolean
  /** A reason the draft cannot be saved yet, or null. Checked before saving. */
  validate?(value: string): string | null
  maxLength?: number
  multiline?: boolean
  hint?: string
  inputMode?: 'text' | 'numeric' | 'decimal'
  autoComplete?: string
  list?: string
}

/**
 * A labelled text field that saves when the person leaves it or presses Enter (not on every key:
 * others would see half-typed words and undo would step letter by letter). Escape puts back the
 * stored value. While a draft is open, changes from others do not overwrite what is being typed.
 */
export function TextField({ id, label, value, onCommit, validate, maxLength, multiline = false, hint, inputMode, autoComplete = 'off', list }: TextFieldProps) {
  // Observers and a locked board: read-only fields, still focusable and read out with their label.
  const { canEdit } = useBoardAccess()
  const [draft, setDraft] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const shown = draft ?? value
  const hintId = hint ? `${id}-hint` : undefined
  const problemId = problem ? `${id}-problem` : undefined
  const describedBy = [hintId, problemId].filter(Boolean).join(' ') || undefined

  const save = () => {
    if (draft === null) return
    const reason = validate?.(draft) ?? null
    setProblem(reason)
    if (reason !== null) return
    if (draft === value || onCommit(draft)) setDraft(null)
  }
  const common = {
    id,
    value: shown,
    readOnly: !canEdit,
    maxLength,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft(e.target.value),
    onBlur: canEdit ? save : undefined,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Escape' && draft !== null) {
        e.preventDefault()
        e.stopPropagation()
        setDraft(null)
        setProblem(null)
      } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
        e.preventDefault()
        save()
      }
    },
  }
  return (
    <div className="ol-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={2} />
      ) : (
        <input {...common} type="text" inputMode={inputMode} autoComplete={autoComplete} list={list} />
      )}
      {hint && (
        <span id={hintId} className="ol-field__hint">
          {hint}
        </span>
      )}
      {problem && (
        <span id={problemId} className="ol-field__problem">
          {problem}
        </span>
      )}
    </div>
  )
}

export interface Choice {
  value: string
  label: string
}

/**
 * A labelled native select: arrow keys and type-ahead work everywhere, and screen readers know it.
 * One that changes the board is disabled for people who may not edit it; `choosesView` marks one
 * that only picks what is shown (which definition to read), which everyone may use.
 */
export function SelectField({ id, label, value, choices, onChange, children, choosesView = false }: { id: string; label: string; value: string; choices: readonly Choice[]; onChange(value: string): void; children?: ReactNode; choosesView?: boolean }) {
  const { canEdit } = useBoardAccess()
  return (
    <div className="ol-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={!canEdit && !choosesView} onChange={(e) => onChange(e.target.value)}>
        {children}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A group of small buttons with one accessible name for the group ("Flytt"); editing buttons, so none for people who may not edit. */
export function ButtonRow({ label, children }: { label: string; children: ReactNode }) {
  const { canEdit } = useBoardAccess()
  if (!canEdit) return null
  return (
    <div className="ol-buttons" role="group" aria-label={label}>
      {children}
    </div>
  )
}
