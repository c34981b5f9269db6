import { describe, expect, it } from 'vitest'
import { parseAccessibilityContact } from './accessibilityContact'

describe('parseAccessibilityContact', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['   ', null],
    ['uu@kommune.no', { kind: 'email', value: 'uu@kommune.no' }],
    [' postmottak@by.kommune.no ', { kind: 'email', value: 'postmottak@by.kommune.no' }],
    ['https://kommune.no/tilgjengelighet', { kind: 'url', value: 'https://kommune.no/tilgjengelighet' }],
    ['javascript:alert(1)', { kind: 'text', value: 'javascript:alert(1)' }],
    ['Servicetorget, tlf. 12 34 56 78', { kind: 'text', value: 'Servicetorget, tlf. 12 34 56 78' }],
  ] as const)('%j', (raw, expected) => {
    expect(parseAccessibilityContact(raw)).toEqual(expected)
  })
})
