/**
 * How large note text can be while still fitting the note. Canvas text cannot be measured without
 * a DOM, so this estimates with an average glyph width; the renderer ellipsises whatever still
 * overflows at the smallest size.
 */

export interface TextFitOptions {
  /** Average glyph width as a fraction of the font size (system sans-serif is about 0.55). */
  charWidth?: number
  lineHeight?: number
}

export const NOTE_TEXT_PADDING = 12
export const NOTE_LINE_HEIGHT = 1.25

/** Largest font size the note starts from: grows with the note so big notes read from afar. */
export function maxNoteFontSize(w: number, h: number): number {
  return Math.round(Math.min(64, Math.max(12, Math.min(w, h) / 6.5)))
}

/** Lines `text` takes when word-wrapped at `charsPerLine`; words longer than a line are broken. */
export function wrappedLineCount(text: string, charsPerLine: number): number {
  const perLine = Math.max(1, Math.floor(charsPerLine))
  let lines = 0
  for (const paragraph of text.split('\n')) {
    lines += 1
    let used = 0
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let length = word.length
      if (used > 0 && used + 1 + length <= perLine) {
        used += 1 + length
        continue
      }
      if (used > 0) lines += 1
      while (length > perLine) {
        lines += 1
        length -= perLine
      }
      used = length
    }
  }
  return lines
}

/** Font size in board pixels for `text` inside a note of w × h (padding included). */
export function fitNoteFontSize(text: string, w: number, h: number, options: TextFitOptions = {}): number {
  const charWidth = options.charWidth ?? 0.55
  const lineHeight = options.lineHeight ?? NOTE_LINE_HEIGHT
  const innerW = Math.max(1, w - NOTE_TEXT_PADDING * 2)
  const innerH = Math.max(1, h - NOTE_TEXT_PADDING * 2)
  const max = maxNoteFontSize(w, h)
  const min = Math.min(10, max)
  for (let size = max; size > min; size -= 1) {
    if (wrappedLineCount(text, innerW / (size * charWidth)) * size * lineHeight <= innerH) return size
  }
  return min
}
