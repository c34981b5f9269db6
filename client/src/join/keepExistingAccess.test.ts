import { describe, expect, it } from 'vitest'
import type { StoredAccess } from '../access/workshopAccess'
import { keepExistingAccess } from './keepExistingAccess'

const stored = (role: StoredAccess['role']): StoredAccess => ({ workshopId: 'V1StGXR8_Z5jdHi6B-myT', token: 't', role, participantId: role === 'facilitator' ? 'facilitator' : '' })

describe('keepExistingAccess', () => {
  it.each([
    ['nothing stored', null, false],
    ['a facilitator', stored('facilitator'), true],
    ['a participant (own notes and dots)', stored('participant'), true],
    ['a link not yet asked about', stored(null), true],
    ['an observer who now takes part', stored('observer'), false],
  ] as const)('%s', (_name, entry, expected) => {
    expect(keepExistingAccess(entry)).toBe(expected)
  })
})
