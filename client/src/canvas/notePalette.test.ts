import { describe, expect, it } from 'vitest'
import { contrastRatio } from '../../../shared/logic/contrast'
import { noteColors } from '../../../shared/schema/records/note'
import { noteInk, notePalette, notePlaceholderInk } from './notePalette'

describe('notePalette', () => {
  it.each(noteColors)('%s keeps text and placeholder readable (≥ 4.5:1)', (color) => {
    expect(contrastRatio(noteInk, notePalette[color].fill)).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(notePlaceholderInk, notePalette[color].fill)).toBeGreaterThanOrEqual(4.5)
  })
})
