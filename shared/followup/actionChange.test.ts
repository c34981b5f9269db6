import { describe, expect, it } from 'vitest'
import { planActionChange } from './actionChange'
import { card } from './testWorkshops'

describe('planActionChange', () => {
  const action = card('a1', 'cb', 'action', 'a0', { text: 'Ring rektor', status: 'open', dueDate: '2026-11-01' })
  it.each([
    ['status only', { status: 'done' as const }, { status: 'done' }, 'a1: status open → done'],
    ['due date only', { dueDate: '2026-12-24' }, { dueDate: '2026-12-24' }, 'a1: due 2026-11-01 → 2026-12-24'],
    ['clearing the due date', { dueDate: '' }, { dueDate: '' }, 'a1: due 2026-11-01 → –'],
    ['both', { status: 'inProgress' as const, dueDate: '2027-01-05' }, { status: 'inProgress', dueDate: '2027-01-05' }, 'a1: status open → inProgress, due 2026-11-01 → 2027-01-05'],
  ])('%s: a patch of what differs, and an audit detail without the text', (_name, change, patch, detail) => {
    const planned = planActionChange(action, change)!
    expect(planned.plan).toEqual({ updateItems: [{ id: 'a1', patch }] })
    expect(planned.detail).toBe(detail)
    expect(planned.detail).not.toContain('Ring rektor')
  })

  it('writes nothing when nothing differs', () => {
    expect(planActionChange(action, { status: 'open', dueDate: '2026-11-01' })).toMatchObject({ plan: {}, after: { status: 'open', dueDate: '2026-11-01' } })
  })

  it('refuses a card that is not an action', () => {
    expect(planActionChange(card('s1', 'cb', 'solution', 'a0', { text: 'Åpne skolen' }), { status: 'done' })).toBeNull()
  })
})
