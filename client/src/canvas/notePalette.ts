import type { NoteColor } from '../../../shared/schema/records/note'

/** Ink for note text and the placeholder; every fill below keeps both at contrast ≥ 4.5:1. */
export const noteInk = '#1a1a1a'
export const notePlaceholderInk = '#4a4a4a'

/** Fills for the document's named colours: light enough that dark text stays readable. */
export const notePalette: Record<NoteColor, { fill: string; edge: string }> = {
  yellow: { fill: '#fff176', edge: '#e6d34f' },
  orange: { fill: '#ffcc80', edge: '#e8ad5a' },
  pink: { fill: '#f8bbd0', edge: '#de97b0' },
  purple: { fill: '#d9c8f0', edge: '#b9a3d9' },
  blue: { fill: '#b3e0fa', edge: '#86c2e6' },
  green: { fill: '#c5e1a5', edge: '#9fc47a' },
  grey: { fill: '#e3e3e0', edge: '#c3c3bf' },
}
