import { PDFDocument, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { fitLines, layoutBoard, wrapText } from './boardLayout'
import { buildMinutes } from './minutes'
import { boardsToPdf, makeSanitizer, reportToPdf } from './pdf'
import { englishLabels, HOSTILE, testWorkshop } from './testWorkshop'
import { boardHasContent, boardHeading, boardsInOrder } from './workshopOutline'

const snapshot = testWorkshop()
const pages = boardsInOrder(snapshot).map((board) => ({ title: board.title, drawing: layoutBoard(snapshot, board, englishLabels) }))

async function helveticaCharset(): Promise<Set<number>> {
  const pdf = await PDFDocument.create()
  return new Set((await pdf.embedFont(StandardFonts.Helvetica)).getCharacterSet())
}

describe('makeSanitizer (Helvetica, WinAnsi)', async () => {
  const sanitize = makeSanitizer(await helveticaCharset())
  it.each([
    ['æøå ÆØÅ', 'æøå ÆØÅ'],
    ['Sitat "her" – €', 'Sitat "her" – €'],
    ['ő ł', 'o ?'],
    ['你好', '??'],
    ['tab\there', 'tab here'],
    ['two\nlines', 'two\nlines'],
    ['emoji 🎉', 'emoji ?'],
  ])('%j → %j', (input, expected) => {
    expect(sanitize(input)).toBe(expected)
  })
})

describe('wrapText and fitLines', () => {
  const measure = (s: string) => s.length
  it.each([
    ['one two three', 7, ['one two', 'three']],
    // A word wider than a line is split with a hyphen, as notes are on the board.
    ['abcdefghij', 4, ['abc-', 'def-', 'ghij']],
    ['a\nb c', 10, ['a', 'b c']],
    ['', 5, ['']],
  ])('wraps %j at %i', (text, width, lines) => {
    expect(wrapText(text, width, measure)).toEqual(lines)
  })
  it('cuts lines that do not fit with an ellipsis', () => {
    expect(fitLines(['aa bb', 'cc dd', 'ee'], 10, 25)).toEqual(['aa bb', 'cc d…'])
  })
})

describe('layoutBoard', () => {
  it('starts every board at the margin and draws its content', () => {
    for (const { drawing } of pages) {
      expect(drawing.width).toBeGreaterThan(100)
      expect(drawing.height).toBeGreaterThan(100)
      expect(drawing.ops.length).toBeGreaterThan(3)
    }
    const texts = (i: number) => pages[i]!.drawing.ops.flatMap((op) => (op.op === 'text' ? [op.text] : []))
    expect(texts(0)).toContain(HOSTILE.script) // canvas note
    expect(texts(1)).toContain('Frivilligsentralen') // stakeholder map card
    expect(texts(2)).toEqual(expect.arrayContaining(['Frivilligsentralen', 'Now', 'Wanted', '+3']))
    expect(texts(3)).toEqual(expect.arrayContaining(['Challenge', 'Ensomhet blant eldre']))
  })
})

describe('PDF generators', () => {
  it('draws one landscape page per board, vector text included, with a placeholder for WebP', async () => {
    const result = await boardsToPdf(pages, new Map(), englishLabels, 'Boards')
    const loaded = await PDFDocument.load(result.bytes)
    expect(loaded.getPageCount()).toBe(4)
    expect(loaded.getPage(0).getWidth()).toBeGreaterThan(loaded.getPage(0).getHeight())
    const log = result.textLog.join('\n')
    expect(log).toContain(HOSTILE.script) // drawn as text, not interpreted
    expect(log).toContain('Image not included')
    // Unencodable characters replaced, no crash; the note's lines break between words as on the board.
    expect(log).toContain('Ikke-latinsk:\n?? o ?')
    expect(log).toContain('æøå')
    expect(Buffer.from(result.bytes.subarray(0, 5)).toString()).toBe('%PDF-')
  })

  it('embeds a PNG image as an image', async () => {
    // 1×1 red PNG.
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64'))
    const withPng = {
      ...snapshot,
      items: snapshot.items.map((i) => (i.kind === 'image' ? { ...i, mime: 'image/png' as const } : i)),
    }
    const canvas = layoutBoard(withPng, withPng.boards.find((b) => b.id === 'canvas')!, englishLabels)
    const result = await boardsToPdf([{ title: 'Lerret', drawing: canvas }], new Map([['a'.repeat(64), png]]), englishLabels, 'x')
    expect(result.textLog.join('\n')).not.toContain('Image not included')
    const loaded = await PDFDocument.load(result.bytes)
    expect(loaded.getPageCount()).toBe(1)
  })

  it('lays out the report: minutes as text pages, then every board', async () => {
    const blocks = buildMinutes(snapshot, englishLabels, { exportedAt: new Date(Date.UTC(2026, 10, 22)) })
    const result = await reportToPdf(blocks, pages, new Map(), englishLabels, HOSTILE.script)
    const loaded = await PDFDocument.load(result.bytes)
    expect(loaded.getPageCount()).toBe(result.pageCount)
    expect(result.pageCount).toBeGreaterThanOrEqual(5)
    expect(loaded.getPage(0).getHeight()).toBeGreaterThan(loaded.getPage(0).getWidth())
    const log = result.textLog.join('\n')
    expect(log).toContain('Minutes: Studietur <b>Bodø</b>')
    expect(log).toContain('Kari Nordmann')
    expect(log).toContain('Frivilligsentralen')
    expect(loaded.getTitle()).toBe(HOSTILE.script)
  })

  it('draws the challenge board\'s links as arrows between the cards, in the relation\'s colour', () => {
    const drawing = layoutBoard(snapshot, snapshot.boards.find((b) => b.id === 'cb')!, englishLabels)
    const arrows = drawing.ops.filter((op) => op.op === 'arrow')
    expect(arrows.map((a) => a.color).sort()).toEqual(['#1f6f5c', '#8a5300'])
    // Each runs from one lane's card edge to the next lane's: right to left, not within a lane.
    for (const a of arrows) expect(a.x1).toBeGreaterThan(a.x2)
  })

  it('draws the influence/interest grid beside the zones, with its quadrants and every stakeholder', () => {
    const drawing = layoutBoard(snapshot, snapshot.boards.find((b) => b.id === 'map')!, englishLabels)
    const texts = drawing.ops.flatMap((op) => (op.op === 'text' ? [op.text] : []))
    for (const q of ['Manage closely', 'Keep satisfied', 'Keep informed', 'Monitor']) expect(texts).toContain(q)
    // Each stakeholder twice: in its zone and on the grid.
    expect(texts.filter((t) => t === 'Frivilligsentralen')).toHaveLength(2)
  })

  it('names a board once when its title is the template\'s name, and gives an empty board no report page', () => {
    expect(boardHeading({ title: 'Stakeholder map', template: 'stakeholderMap' }, { ...englishLabels, template: () => 'Stakeholder map' })).toBe('Stakeholder map')
    expect(boardHeading({ title: 'Interessenter', template: 'stakeholderMap' }, englishLabels)).toBe('Interessenter (stakeholder map)')
    expect(boardHeading({ title: '', template: 'canvas' }, englishLabels)).toBe(`${englishLabels.emptyText} (free canvas)`)
    const withEmpty = { ...snapshot, boards: [...snapshot.boards, { ...snapshot.boards.find((b) => b.id === 'canvas')!, id: 'empty', order: 'a9' }] }
    expect(boardsInOrder(withEmpty).filter((b) => boardHasContent(withEmpty, b)).map((b) => b.id)).toEqual(boardsInOrder(snapshot).map((b) => b.id))
    const unlinked = { ...withEmpty.boards.find((b) => b.id === 'matrix')!, linkedBoardId: '' }
    expect(boardHasContent(withEmpty, unlinked)).toBe(false)
  })
})
