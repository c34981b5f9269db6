import { useCallback, useLayoutEffect, useRef } from 'react'
import { PlanRejectedError } from '../../../shared/doc/applyPlan'
import type { DocumentPlan } from '../../../shared/logic/plan'
import type { WorkshopStore } from './WorkshopStore'

/** What to commit: a plan, or a store write that validates one (`addBoardFromTemplate`, …). */
export type Change = DocumentPlan | (() => void)

export interface CommitOptions {
  /** Join the undo step in progress instead of starting one (arrow-key nudges held down). */
  mergeUndo?: boolean
}

/** Applies a change; false when the store refused it (the refusal has been shown). */
export type CommitPlan = (change: Change, options?: CommitOptions) => boolean

type PlanWriter = Pick<WorkshopStore, 'applyPlan' | 'stopCapturing'>

/**
 * Applies `change` through the store as its own undo step. A plan the store refuses
 * (`PlanRejectedError`: a record that would not validate, a board that is gone) writes nothing
 * and goes to `onRefused`; every other error is a bug and is thrown.
 */
export function commitPlan(store: PlanWriter, change: Change, onRefused: (error: PlanRejectedError) => void, options: CommitOptions = {}): boolean {
  if (!options.mergeUndo) store.stopCapturing()
  try {
    if (typeof change === 'function') change()
    else store.applyPlan(change)
  } catch (error) {
    if (!(error instanceof PlanRejectedError)) throw error
    onRefused(error)
    return false
  }
  if (!options.mergeUndo) store.stopCapturing()
  return true
}

/**
 * "Apply this plan, or show the refusal": the one way views write plans. `onRefused` shows the
 * message where that view shows its errors; it may change between renders, the returned function
 * does not (memoised children keep their props).
 */
export function useCommitPlan(store: PlanWriter, onRefused: (error: PlanRejectedError) => void): CommitPlan {
  const refused = useRef(onRefused)
  useLayoutEffect(() => {
    refused.current = onRefused
  })
  return useCallback((change: Change, options?: CommitOptions) => commitPlan(store, change, (error) => refused.current(error), options), [store])
}
