import { describe, expect, it } from 'vitest'
import { CSV_BOM, csvCell, toCsv } from './csv'
import { actionsCsv, notesCsv, stakeholdersCsv } from './csvExports'
import { englishLabels, HOSTILE, testWorkshop } from './testWorkshop'

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['æøå ÆØÅ', 'æøå ÆØÅ'],
    ['a;b', '"a;b"'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [HOSTILE.formula, `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected)
  })

  it('leaves numbers alone (a negative gap is a number, not a formula)', () => {
    expect(csvCell(-2)).toBe('-2')
    expect(csvCell(4)).toBe('4')
  })
})

describe('toCsv', () => {
  it('starts with a BOM, separates with ; and ends rows with CRLF', () => {
    expect(toCsv(['A', 'B'], [['1', 2], ['x;y', '=1']])).toBe(`${CSV_BOM}A;B\r\n1;2\r\n"x;y";'=1\r\n`)
  })
})

/** A tiny RFC 4180 reader (';' separated) so the tests check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith(CSV_BOM)).toBe(true)
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const body = text.slice(1)
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ';') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  return rows
}

describe('the three CSV files', () => {
  const snapshot = testWorkshop()

  it('stakeholders: header, one row per stakeholder in plan order, formulas inert', () => {
    const rows = parseCsv(stakeholdersCsv(snapshot, englishLabels))
    expect(rows[0]).toEqual([
      'Board', 'Name', 'Group', 'Influence', 'Interest', 'Contact person', 'What', 'How', 'When', 'Now', 'Wanted', 'SDG', 'Dimension',
    ])
    expect(rows).toHaveLength(3)
    expect(rows[1]!.slice(0, 9)).toEqual(['Interessenter', 'Frivilligsentralen', 'Preset authorities', '4', '5', 'Åse Ødegård', `'${HOSTILE.formula}`, 'E-post; møte', 'Månedlig'])
    expect(rows[1]![9]).toBe('Consultation')
    expect(rows[2]![1]).toBe(HOSTILE.img)
    expect(rows[2]![2]).toBe(HOSTILE.script)
    expect(rows[2]![5]).toBe("'+cmd")
    expect(rows[2]![6]).toBe(HOSTILE.mixed)
    expect(rows[2]![9]).toBe('')
  })

  it('actions: with their solution and challenge; ISO due dates', () => {
    const rows = parseCsv(actionsCsv(snapshot, englishLabels))
    expect(rows).toEqual([
      ['Board', 'Action', 'Owner', 'Due', 'Status', 'Solution', 'Challenge'],
      ['Utfordringer', `'${HOSTILE.formula}`, 'Kari Nordmann', '2026-12-01', 'In progress', 'Møteplass på biblioteket', 'Ensomhet blant eldre'],
      ['Utfordringer', 'Løs tråd', "'+cmd", '', 'Not started', '', ''],
    ])
  })

  it('notes: every note with its tags', () => {
    const rows = parseCsv(notesCsv(snapshot, englishLabels))
    expect(rows[0]).toEqual(['Board', 'Text', 'SDG', 'Dimension', 'Colour', 'Created'])
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['Lerret', HOSTILE.script, '3, 17', 'Social'],
      ['Lerret', HOSTILE.mixed, '', ''],
      ['Lerret', 'Ikke-latinsk: 你好 ő Ω', '', 'Economic'],
    ])
  })
})
