import { describe, expect, it } from 'vitest'
import { opensPhonePage } from './phoneOrBoard'

describe('opensPhonePage', () => {
  it.each([
    ['participant', true, false, true],
    ['participant', true, true, false],
    ['participant', false, false, false],
    ['facilitator', true, false, false],
    ['observer', true, false, false],
    [null, true, false, false],
  ] as const)('role %s, phone-sized %s, chose the full board %s: phone page %s', (role, phoneSized, chose, expected) => {
    expect(opensPhonePage(role, phoneSized, chose)).toBe(expected)
  })
})
