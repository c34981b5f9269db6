import { describe, expect, it } from 'vitest'
import { PlanRejectedError } from '../../../shared/doc/applyPlan'
import type { DocumentPlan } from '../../../shared/logic/plan'
import { commitPlan } from './useCommitPlan'

/** A store that records what happened, refusing plans that delete 'locked'. */
function fakeStore() {
  const log: string[] = []
  return {
    log,
    stopCapturing: () => log.push('stop'),
    applyPlan: (plan: DocumentPlan) => {
      if (plan.deleteItems?.includes('locked')) throw new PlanRejectedError('item locked is locked', 'locked')
      log.push(`apply ${JSON.stringify(plan)}`)
    },
  }
}

describe('commitPlan', () => {
  it('applies a plan as its own undo step', () => {
    const store = fakeStore()
    const refused: string[] = []
    expect(commitPlan(store, { deleteItems: ['a'] }, (e) => refused.push(e.message))).toBe(true)
    expect(store.log).toEqual(['stop', 'apply {"deleteItems":["a"]}', 'stop'])
    expect(refused).toEqual([])
  })

  it('joins the undo step in progress when asked', () => {
    const store = fakeStore()
    expect(commitPlan(store, { deleteItems: ['a'] }, () => {}, { mergeUndo: true })).toBe(true)
    expect(store.log).toEqual(['apply {"deleteItems":["a"]}'])
  })

  it('hands a refusal to onRefused and answers false', () => {
    const store = fakeStore()
    const refused: PlanRejectedError[] = []
    expect(commitPlan(store, { deleteItems: ['locked'] }, (e) => refused.push(e))).toBe(false)
    expect(refused.map((e) => [e.message, e.recordId])).toEqual([['item locked is locked', 'locked']])
    expect(store.log).toEqual(['stop'])
  })

  it('runs a store write given as a function, with the same refusal handling', () => {
    const store = fakeStore()
    const refused: string[] = []
    expect(commitPlan(store, () => store.applyPlan({ deleteItems: ['locked'] }), (e) => refused.push(e.message))).toBe(false)
    expect(commitPlan(store, () => store.log.push('write'), () => {})).toBe(true)
    expect(refused).toEqual(['item locked is locked'])
    expect(store.log).toEqual(['stop', 'stop', 'write', 'stop'])
  })

  it('throws errors that are not refusals: those are bugs', () => {
    const store = fakeStore()
    expect(() =>
      commitPlan(
        store,
        () => {
          throw new TypeError('boom')
        },
        () => {},
      ),
    ).toThrow(TypeError)
  })
})
