import { describe, expect, it } from 'vitest'
import { isOutlineShortcut } from './boardMode'

const key = (code: string, mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) => ({
  code,
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
})

describe('isOutlineShortcut', () => {
  it.each([
    { name: 'Alt+Shift+O', event: key('KeyO', { altKey: true, shiftKey: true }), expected: true },
    { name: 'plain O (typing)', event: key('KeyO'), expected: false },
    { name: 'Shift+O (a capital letter)', event: key('KeyO', { shiftKey: true }), expected: false },
    { name: 'Alt+O', event: key('KeyO', { altKey: true }), expected: false },
    { name: 'AltGr+Shift+O (Ctrl+Alt on Windows)', event: key('KeyO', { altKey: true, shiftKey: true, ctrlKey: true }), expected: false },
    { name: 'Cmd+Alt+Shift+O', event: key('KeyO', { altKey: true, shiftKey: true, metaKey: true }), expected: false },
    { name: 'Alt+Shift+P', event: key('KeyP', { altKey: true, shiftKey: true }), expected: false },
  ])('$name → $expected', ({ event, expected }) => {
    expect(isOutlineShortcut(event)).toBe(expected)
  })
})
