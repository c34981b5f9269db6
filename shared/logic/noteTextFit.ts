/**
 * How note text is laid out: broken into lines between words and shrunk until it fits the note.
 * A word is broken only when it alone is wider than the note at the smallest size that fits,
 * and then after a hyphen it already has, or with one added. Pure: the caller supplies the font's
 * measure (a 2D canvas for the board and the PNG export, pdf-lib for the PDF), so every surface
 * that draws a note draws the same lines.
 */

/**
 * The width of `text` at font size 1. Widths scale with the size, so the layout measures each
 * word once and tries every size by arithmetic: a canvas measures at 100 px and divides by 100,
 * pdf-lib answers `font.widthOfTextAtSize(text, 1)`.
 */
export type MeasureText = (text: string) => number

export interface NoteTextLayout {
  /** In board pixels. */
  fontSize: number
  /** The lines to draw, top to bottom: a paragraph break is a line of its own. */
  lines: string[]
  /** A word had to be split over lines (it alone is wider than the note even at `fontSize`). */
  brokenWord: boolean
  /** The text did not fit even at the smallest size: the last line ends with an ellipsis. */
  truncated: boolean
}

export interface NoteTextOptions {
  /** Inside the note's edge on every side; default NOTE_TEXT_PADDING. */
  padding?: number
  /** As a multiple of the font size; default NOTE_LINE_HEIGHT. */
  lineHeight?: number
  /** Height taken from the bottom of the note (the SDG badges), default 0. */
  reserveBottom?: number
  /** The sizes tried; by default from `maxNoteFontSize(w, h)` down to NOTE_MIN_FONT_SIZE. */
  maxFontSize?: number
  minFontSize?: number
}

export const NOTE_TEXT_PADDING = 12
export const NOTE_LINE_HEIGHT = 1.25
/** Below this a note on a projector is not read; text that does not fit is cut with an ellipsis. */
export const NOTE_MIN_FONT_SIZE = 10
/**
 * Whole words win down to this share of the note's largest size; below it a long word is split
 * at the largest size that fits instead ('<script>alert(1)</script>' or a web address drawn at 10 px
 * on a projector is not read; split at 25 px it is).
 */
const WHOLE_WORDS_DOWN_TO = 0.6
/** Lines are filled to this share of the width: fonts differ slightly between measure and paint. */
const WIDTH_SAFETY = 0.98
const ELLIPSIS = '…'
const HYPHEN = '-'

/** Largest font size the note starts from: grows with the note so big notes read from afar. */
export function maxNoteFontSize(w: number, h: number): number {
  return Math.round(Math.min(64, Math.max(12, Math.min(w, h) / 6.5)))
}

/** `measure` with each answer kept: a layout tries up to 55 sizes over the same words. */
export function memoizeMeasure(measure: MeasureText, limit = 5000): MeasureText {
  const known = new Map<string, number>()
  return (text) => {
    let width = known.get(text)
    if (width === undefined) {
      if (known.size >= limit) known.clear()
      width = measure(text)
      known.set(text, width)
    }
    return width
  }
}

export interface WrappedText {
  lines: string[]
  brokenWord: boolean
}

/**
 * Greedy word wrap at `maxWidth` (in the units `measure` answers in). Spaces between words are
 * where lines break; a word wider than a whole line is split (see `splitWord`). Paragraphs
 * (`\n`) always start a new line; an empty paragraph is an empty line.
 */
export function wrapWords(text: string, maxWidth: number, measure: MeasureText): WrappedText {
  const lines: string[] = []
  let brokenWord = false
  const space = measure(' ')
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    const words = paragraph.split(/[ \t]+/).filter((word) => word !== '')
    let line = ''
    let lineWidth = 0
    for (const word of words) {
      const width = measure(word)
      if (line !== '' && lineWidth + space + width <= maxWidth) {
        line += ` ${word}`
        lineWidth += space + width
        continue
      }
      if (line !== '') lines.push(line)
      if (width <= maxWidth) {
        line = word
        lineWidth = width
        continue
      }
      brokenWord = true
      const pieces = splitWord(word, maxWidth, measure)
      lines.push(...pieces.slice(0, -1))
      line = pieces.at(-1) ?? ''
      lineWidth = measure(line)
    }
    lines.push(line)
  }
  return { lines, brokenWord }
}

/**
 * A word too wide for one line, in pieces that each fit: every piece but the last ends at a
 * hyphen the word has ("Nord-|Norge") when one falls in the piece, else with a hyphen added.
 * A piece is at least one character, so a line narrower than one letter still ends.
 */
export function splitWord(word: string, maxWidth: number, measure: MeasureText): string[] {
  const chars = Array.from(word)
  const pieces: string[] = []
  let start = 0
  while (start < chars.length) {
    const rest = chars.slice(start).join('')
    if (chars.length - start === 1 || measure(rest) <= maxWidth) {
      pieces.push(rest)
      break
    }
    // The longest prefix that fits with a hyphen after it (binary search: widths grow with length).
    let low = 1
    let high = chars.length - start - 1
    while (low < high) {
      const mid = Math.ceil((low + high) / 2)
      if (measure(chars.slice(start, start + mid).join('') + HYPHEN) <= maxWidth) low = mid
      else high = mid - 1
    }
    const fits = low
    // A hyphen of the word's own ("Nord-|Norge") ends the piece with nothing added, unless it
    // would leave most of the line empty. It may be the character just past `fits`: it takes the
    // room the added hyphen would have taken.
    const own = chars.slice(start, start + fits + 1).lastIndexOf(HYPHEN)
    if (own > 0 && (own + 1) * 2 >= fits) {
      pieces.push(chars.slice(start, start + own + 1).join(''))
      start += own + 1
    } else {
      pieces.push(chars.slice(start, start + fits).join('') + HYPHEN)
      start += fits
    }
  }
  return pieces
}

/**
 * The largest font size at which `text` fits a note of w × h, and its lines. Sizes are tried
 * from the note's maximum down to NOTE_MIN_FONT_SIZE (or the sizes `options` give: a stakeholder
 * card's name uses the same rules between 17 and 14 px): the first size at which every line fits
 * with whole words wins, down to 60 % of the largest (WHOLE_WORDS_DOWN_TO); below that, or if no
 * size gives whole words, the largest size that fits with a long word split wins; if nothing fits
 * at the smallest size, its lines are cut with an ellipsis.
 */
export function layoutNoteText(text: string, w: number, h: number, measure: MeasureText, options: NoteTextOptions = {}): NoteTextLayout {
  const padding = options.padding ?? NOTE_TEXT_PADDING
  const lineHeight = options.lineHeight ?? NOTE_LINE_HEIGHT
  const innerW = Math.max(1, w - padding * 2) * WIDTH_SAFETY
  const innerH = Math.max(1, h - padding * 2 - (options.reserveBottom ?? 0))
  const max = options.maxFontSize ?? maxNoteFontSize(w, h)
  const min = Math.min(options.minFontSize ?? NOTE_MIN_FONT_SIZE, max)
  const cached = memoizeMeasure(measure)
  const readable = Math.max(min, Math.round(max * WHOLE_WORDS_DOWN_TO))
  let broken: NoteTextLayout | null = null
  for (let size = max; size >= min; size -= 1) {
    if (broken && size < readable) return broken
    const wrapped = wrapWords(text, innerW / size, cached)
    if (wrapped.lines.length * size * lineHeight > innerH) continue
    if (!wrapped.brokenWord) return { fontSize: size, lines: wrapped.lines, brokenWord: false, truncated: false }
    broken ??= { fontSize: size, lines: wrapped.lines, brokenWord: true, truncated: false }
  }
  if (broken) return broken
  const wrapped = wrapWords(text, innerW / min, cached)
  const room = Math.max(1, Math.floor(innerH / (min * lineHeight)))
  // Not even one line fits the height: the one line is drawn all the same.
  if (wrapped.lines.length <= room) return { fontSize: min, lines: wrapped.lines, brokenWord: wrapped.brokenWord, truncated: false }
  const lines = wrapped.lines.slice(0, room)
  lines[room - 1] = withEllipsis(lines[room - 1] ?? '', innerW / min, cached)
  return { fontSize: min, lines, brokenWord: wrapped.brokenWord, truncated: true }
}

/**
 * Where the first line's box starts, from the note's top: the lines sit in the middle of the
 * room they have (a short note reads as one block in the middle, as sticky notes do).
 */
export function noteTextTop(layout: Pick<NoteTextLayout, 'fontSize' | 'lines'>, h: number, options: NoteTextOptions = {}): number {
  const padding = options.padding ?? NOTE_TEXT_PADDING
  const room = Math.max(0, h - padding * 2 - (options.reserveBottom ?? 0))
  const block = layout.lines.length * layout.fontSize * (options.lineHeight ?? NOTE_LINE_HEIGHT)
  return padding + Math.max(0, (room - block) / 2)
}

/** The line with "…" at its end, shortened (at a space if it can) until both fit. */
function withEllipsis(line: string, maxWidth: number, measure: MeasureText): string {
  let kept = line.replace(/[\s-]+$/, '')
  while (kept !== '' && measure(kept + ELLIPSIS) > maxWidth) {
    const cut = kept.lastIndexOf(' ')
    kept = cut > kept.length / 2 ? kept.slice(0, cut) : Array.from(kept).slice(0, -1).join('')
    kept = kept.replace(/[\s-]+$/, '')
  }
  return kept + ELLIPSIS
}

/** A measure for tests and for places with no font at hand: every character `charWidth` em wide. */
export function monospaceMeasure(charWidth = 0.55): MeasureText {
  return (text) => Array.from(text).length * charWidth
}
