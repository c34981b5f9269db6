import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DocumentPlan } from '../../../shared/logic/plan'
import { useCommitPlan } from '../store/useCommitPlan'
import type { WorkshopStore } from '../store/WorkshopStore'

export type OutlineMessage = { kind: 'error' | 'status'; text: string } | null

/**
 * Every outline edit is one plan through the store (one transaction, one undo step). A refused
 * plan becomes a message the outline shows in an alert; nothing the person typed is thrown away
 * by the caller when this returns false.
 */
export function useOutlineCommit(store: WorkshopStore) {
  const { t } = useTranslation('outline')
  const [message, setMessage] = useState<OutlineMessage>(null)
  const commitPlan = useCommitPlan(store, (error) => setMessage({ kind: 'error', text: t('errors.rejected', { message: error.message }) }))
  const commit = useCallback(
    (plan: DocumentPlan): boolean => {
      if (!commitPlan(plan)) return false
      setMessage((m) => (m?.kind === 'error' ? null : m))
      return true
    },
    [commitPlan],
  )
  const fail = useCallback((text: string) => setMessage({ kind: 'error', text }), [])
  const say = useCallback((text: string) => setMessage({ kind: 'status', text }), [])
  return { commit, message, fail, say, clear: () => setMessage(null) }
}

/**
 * Moves focus to the element with `id` once it is rendered (after a store change re-renders the
 * outline the element may be new or may have moved to another list). With `select`, a text field's
 * content is selected so typing replaces a placeholder name.
 */
export function focusWhenReady(id: string, options: { select?: boolean } = {}, tries = 20): void {
  const attempt = (left: number) => {
    const element = document.getElementById(id)
    if (element) {
      element.focus()
      if (options.select && (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) element.select()
      return
    }
    if (left > 0) requestAnimationFrame(() => attempt(left - 1))
  }
  requestAnimationFrame(() => attempt(tries))
}

/** A DOM id for one control of one record, stable across re-renders and moves between lists. */
export function controlId(boardId: string, recordId: string, control: string): string {
  return `ol-${boardId}-${recordId}-${control}`
}
