import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clearUserName, loadUserName, rememberGuestName, saveUserName, USER_NAME_MAX } from './userName'

const a = 'V1StGXR8_Z5jdHi6B-myT'
const b = 'AAAAAAAAAAAAAAAAAAAAA'

describe('the remembered name', () => {
  const storage = new Map<string, string>()
  beforeEach(() => {
    storage.clear()
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
      removeItem: (key: string) => void storage.delete(key),
    })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('is one per workshop: a guest given on the phone page is the name the board page finds', () => {
    expect(loadUserName(a)).toBeNull()
    rememberGuestName(a, 'Gjest 123')
    expect(loadUserName(a)).toBe('Gjest 123')
    // A guest's number is that workshop's: another workshop starts without a name.
    expect(loadUserName(b)).toBeNull()
    expect(loadUserName()).toBeNull()
  })

  it('carries a chosen name to a workshop opened for the first time, and keeps each workshop’s own', () => {
    saveUserName('Kari', a)
    expect(loadUserName(b)).toBe('Kari')
    saveUserName('Kari N.', b)
    expect(loadUserName(a)).toBe('Kari')
    expect(loadUserName(b)).toBe('Kari N.')
  })

  it('trims and cuts names, and ignores an empty one', () => {
    saveUserName('   ', a)
    expect(loadUserName(a)).toBeNull()
    saveUserName(`  ${'x'.repeat(USER_NAME_MAX + 10)}  `, a)
    expect(loadUserName(a)).toBe('x'.repeat(USER_NAME_MAX))
  })

  it('forgets the workshop’s name and the last one chosen when the resident erases their data', () => {
    saveUserName('Kari', a)
    rememberGuestName(b, 'Gjest 9')
    clearUserName(a)
    expect(loadUserName(a)).toBeNull()
    expect(loadUserName(b)).toBe('Gjest 9')
  })
})
