import { describe, expect, it } from 'vitest'
import { layoutNoteText, maxNoteFontSize, noteTextTop, memoizeMeasure, monospaceMeasure, NOTE_TEXT_PADDING, splitWord, wrapWords } from './noteTextFit'

// Every character half an em wide: widths are easy to count by hand (10 characters = 5 em).
const half = monospaceMeasure(0.5)

describe('wrapWords', () => {
  it.each([
    ['empty text is one empty line', '', 10, [''], false],
    ['short text stays on one line', 'ved lekeplassen', 10, ['ved lekeplassen'], false],
    ['lines break between words', 'Drikkevannspost ved lekeplassen', 8, ['Drikkevannspost', 'ved lekeplassen'], false],
    ['a word that fits a line is never split', 'informasjonspunkt ved biblioteket', 9, ['informasjonspunkt', 'ved biblioteket'], false],
    ['a word wider than a line is split with a hyphen', 'Kommuneplanens arealdel', 5, ['Kommunepl-', 'anens', 'arealdel'], true],
    ['the rest of a split word shares its line', 'abcdefghijkl mn', 5, ['abcdefghi-', 'jkl mn'], true],
    ['a hyphen of the word’s own is where it breaks', 'Helse-og-omsorgstjenesten', 7, ['Helse-og-', 'omsorgstjenes-', 'ten'], true],
    ['paragraphs start new lines; an empty one is an empty line', 'Hei\n\npå deg', 10, ['Hei', '', 'på deg'], false],
    ['runs of spaces and tabs count as one break', 'en  \t to', 10, ['en to'], false],
    ['Windows line ends are paragraphs too', 'a\r\nb', 10, ['a', 'b'], false],
  ] as const)('%s', (_name, text, width, lines, broken) => {
    expect(wrapWords(text, width, half)).toEqual({ lines, brokenWord: broken })
  })

  it('keeps letters outside the Basic Multilingual Plane whole', () => {
    expect(wrapWords('😀😀😀😀', 1.2, half).lines).toEqual(['😀-', '😀-', '😀😀'])
  })
})

describe('splitWord', () => {
  it.each([
    ['every piece fits and all but the last end with a hyphen', 'abcdefghijk', 2, ['abc-', 'def-', 'ghi-', 'jk']],
    ['a line narrower than one letter still gets one letter per piece', 'abc', 0.1, ['a-', 'b-', 'c']],
    ['an own hyphen too early in the piece is not used', 'a-bcdefghijklmnop', 4, ['a-bcdef-', 'ghijklm-', 'nop']],
  ] as const)('%s', (_name, word, width, pieces) => {
    expect(splitWord(word, width, half)).toEqual(pieces)
  })
})

describe('layoutNoteText', () => {
  // A 160 × 160 note: 136 px inside, the largest size 25.
  it.each([
    ['short text keeps the largest size', 'Hei', 160, 160, { fontSize: 25, lines: ['Hei'] }],
    ['an empty note keeps the largest size', '', 160, 160, { fontSize: 25, lines: [''] }],
    // 15 letters = 7.5 em: whole at 17 px (127.5 px of 133), so the note shrinks to 17 rather than split it at 25.
    ['a long word shrinks the text instead of being split', 'Drikkevannspost ved lekeplassen', 160, 160, { fontSize: 17, lines: ['Drikkevannspost', 'ved lekeplassen'] }],
    ['the second example from the issue', 'Bedre informasjonspunkt ved biblioteket', 160, 160, { fontSize: 15, lines: ['Bedre', 'informasjonspunkt', 'ved biblioteket'] }],
    ['a big note keeps big text', 'Stor', 800, 800, { fontSize: 64, lines: ['Stor'] }],
    ['a tiny note never goes below its own maximum', 'x', 40, 40, { fontSize: 12, lines: ['x'] }],
  ] as const)('%s', (_name, text, w, h, expected) => {
    expect(layoutNoteText(text, w, h, half)).toEqual({ ...expected, brokenWord: false, truncated: false })
  })

  it('splits a word only when it alone is wider than the note at 60 % of the largest size, at the largest size that then fits', () => {
    // 35 letters = 17.5 em: whole only below 8 px. At 25 px a line holds 9 letters and a hyphen; 4 lines fit.
    const layout = layoutNoteText('Kommuneplanensarealdelsbestemmelser', 160, 160, half)
    expect(layout).toEqual({
      fontSize: 25,
      lines: ['Kommunepl-', 'anensarea-', 'ldelsbest-', 'emmelser'],
      brokenWord: true,
      truncated: false,
    })
  })

  it('splits a long word rather than draw it below 60 % of the largest size', () => {
    // 25 characters = 12.5 em: whole only at 10 px (125 of 133), below 15 (60 % of 25); split at 25 px instead.
    const layout = layoutNoteText('<script>alert(1)</script>', 160, 160, half)
    expect(layout.brokenWord).toBe(true)
    expect(layout.fontSize).toBe(25)
    expect(layout.lines.join('').replaceAll('-', '')).toBe('<script>alert(1)</script>')
  })

  it('cuts text that does not fit at the smallest size with an ellipsis on its last line', () => {
    const layout = layoutNoteText('ord '.repeat(400), 160, 160, half)
    expect(layout.fontSize).toBe(10)
    expect(layout.truncated).toBe(true)
    // 136 px of height holds 10 lines of 12.5 px.
    expect(layout.lines).toHaveLength(10)
    expect(layout.lines.at(-1)).toMatch(/^ord( ord)* ?…$/)
    expect(layout.lines.at(-1)).not.toMatch(/ …$/)
  })

  it('leaves room for the badges at the bottom', () => {
    const text = 'Trafikksikkerhet ved skoleveien er viktigst for alle som bor her, sier de som går der hver eneste dag'
    const free = layoutNoteText(text, 160, 160, half)
    const withBadges = layoutNoteText(text, 160, 160, half, { reserveBottom: 24 })
    expect(withBadges.fontSize).toBeLessThan(free.fontSize)
    expect(withBadges.lines.length * withBadges.fontSize * 1.25).toBeLessThanOrEqual(160 - 2 * NOTE_TEXT_PADDING - 24)
  })

  it('tries only the sizes it is given (a card name between 17 and 14 px)', () => {
    const card = { padding: 0, lineHeight: 1.2, maxFontSize: 17, minFontSize: 14 }
    expect(layoutNoteText('Frivilligsentralen', 176, 53, half, card)).toMatchObject({ fontSize: 17, lines: ['Frivilligsentralen'], truncated: false })
    // The longest word decides: 16 letters = 8 em are whole in 120 px only at 14 px.
    expect(layoutNoteText('Helse- og omsorgstjenesten', 120, 53, half, card)).toMatchObject({ fontSize: 14, lines: ['Helse- og', 'omsorgstjenesten'] })
    expect(layoutNoteText('Den nasjonale forskningsetiske komité for samfunnsvitenskap og humaniora', 176, 53, half, card)).toMatchObject({
      fontSize: 14,
      truncated: true,
    })
  })

  it('never grows when text is added', () => {
    let previous = Infinity
    for (let n = 0; n < 300; n += 7) {
      const { fontSize } = layoutNoteText('ord '.repeat(n), 200, 160, half)
      expect(fontSize).toBeLessThanOrEqual(previous)
      previous = fontSize
    }
  })

  it('keeps every line within the note and every word whole when it can (random texts, fixed seed)', () => {
    let seed = 42
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const syllables = ['sam', 'skap', 'kom', 'mune', 'plan', 'ved', 'lek', 'e', 'plass', 'en', 'in', 'for', 'ma', 'sjon', 'punkt', 'æ', 'ø', 'å']
    const proportional = (text: string) => Array.from(text).reduce((sum, c) => sum + (/[mwMWÆ]/.test(c) ? 0.85 : /[iljt.,' ]/.test(c) ? 0.3 : 0.55), 0)
    for (let round = 0; round < 300; round++) {
      const words = Array.from({ length: 1 + Math.floor(random() * 14) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 8) }, () => syllables[Math.floor(random() * syllables.length)]).join(''),
      )
      const text = words.join(' ')
      const w = 80 + Math.floor(random() * 300)
      const h = 80 + Math.floor(random() * 300)
      const layout = layoutNoteText(text, w, h, proportional)
      const inner = w - 2 * NOTE_TEXT_PADDING
      for (const line of layout.lines) expect(proportional(line) * layout.fontSize).toBeLessThanOrEqual(inner)
      if (!layout.brokenWord && !layout.truncated) expect(layout.lines.join(' ')).toBe(text)
      // A split word was wider than the note at the size chosen.
      if (layout.brokenWord) expect(words.some((word) => proportional(word) * layout.fontSize > inner * 0.98)).toBe(true)
    }
  })

  it('starts from a size that follows the note', () => {
    expect(maxNoteFontSize(160, 160)).toBe(25)
    expect(maxNoteFontSize(2000, 100)).toBe(15)
  })
})

describe('noteTextTop', () => {
  it.each([
    ['one line of 20 px sits in the middle of 136 px', { fontSize: 20, lines: ['a'] }, 160, {}, 12 + (136 - 25) / 2],
    ['the badges take room from the bottom', { fontSize: 20, lines: ['a'] }, 160, { reserveBottom: 24 }, 12 + (112 - 25) / 2],
    ['text that fills the note starts at the padding', { fontSize: 10, lines: Array.from({ length: 11 }, () => 'a') }, 160, {}, 12],
  ] as const)('%s', (_name, layout, h, options, top) => {
    expect(noteTextTop({ fontSize: layout.fontSize, lines: [...layout.lines] }, h, options)).toBe(top)
  })
})

describe('memoizeMeasure', () => {
  it('measures each text once and forgets everything past its limit', () => {
    const asked: string[] = []
    const measure = memoizeMeasure((text) => {
      asked.push(text)
      return text.length
    }, 2)
    expect([measure('a'), measure('a'), measure('bb'), measure('ccc'), measure('a')]).toEqual([1, 1, 2, 3, 1])
    expect(asked).toEqual(['a', 'bb', 'ccc', 'a'])
  })
})
