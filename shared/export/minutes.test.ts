import type { ClosedVote } from '../schema/records/session'
import { describe, expect, it } from 'vitest'
import { buildMinutes, escapeHtml, escapeMarkdown, minutesToHtml, minutesToMarkdown, type MinutesBlock } from './minutes'
import { englishLabels, HOSTILE, testWorkshop } from './testWorkshop'

const exportedAt = new Date(Date.UTC(2026, 10, 22, 12))

describe('escapeMarkdown', () => {
  it.each([
    ['plain æøå', 'plain æøå'],
    [HOSTILE.script, '\\<script\\>alert(1)\\</script\\>'],
    ['**bold** _it_ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\`'],
    ['[link](http://x)', '\\[link\\](http://x)'],
    ['a | b', 'a \\| b'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+cmd', '\\+cmd'],
    ['1. first', '1\\. first'],
    ['Nav-kontor', 'Nav-kontor'],
    ['&amp;', '\\&amp;'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected)
  })
})

describe('escapeHtml', () => {
  it.each([
    [HOSTILE.script, '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [HOSTILE.img, '&lt;img src=x onerror=alert(1)&gt;'],
    [`"'&`, '&quot;&#39;&amp;'],
    ['æøå', 'æøå'],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected)
  })
})

describe('buildMinutes', () => {
  const blocks = buildMinutes(testWorkshop(), englishLabels, { exportedAt })
  const headings = blocks.filter((b) => b.type === 'heading').map((b) => `${b.level} ${b.text}`)
  const tables = blocks.filter((b): b is Extract<MinutesBlock, { type: 'table' }> => b.type === 'table')

  it('has the title, the date in the locale format and the boards in board order', () => {
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, text: 'Minutes: Studietur <b>Bodø</b>' })
    expect(blocks[1]).toEqual({ type: 'paragraph', text: 'Date: 20.11.2026' })
    expect(headings.filter((h) => h.startsWith('2 '))).toEqual([
      '2 Lerret (free canvas)',
      '2 Interessenter (stakeholder map)',
      '2 Involvering (involvement matrix)',
      '2 Utfordringer (challenges)',
    ])
  })

  it('lists stakeholders with group, ratings and contact, and the communication plan', () => {
    expect(tables[0]!.columns).toEqual(['Name', 'Group', 'Influence', 'Interest', 'Contact person'])
    expect(tables[0]!.rows).toEqual([
      ['Frivilligsentralen', 'Preset authorities', '4', '5', 'Åse Ødegård'],
      [HOSTILE.img, HOSTILE.script, '1', '2', '+cmd'],
    ])
    expect(tables[1]!.columns).toEqual(['Who', 'What', 'How', 'When'])
    expect(tables[1]!.rows[0]).toEqual(['Frivilligsentralen (Åse Ødegård)', HOSTILE.formula, 'E-post; møte', 'Månedlig'])
  })

  it('shows the matrix with level names and the gap', () => {
    expect(tables[2]!.columns).toEqual(['Name', 'Group', 'Now', 'Wanted', 'Gap'])
    expect(tables[2]!.rows).toEqual([
      ['Frivilligsentralen', 'Preset authorities', 'Consultation', 'Partnership', '+3'],
      [HOSTILE.img, HOSTILE.script, 'not set', 'Participation', 'not set'],
    ])
    expect(headings).toContain('3 Collaborations')
  })

  it('nests solutions and actions under each challenge, with owner, localised due date and status', () => {
    const index = blocks.findIndex((b) => b.type === 'heading' && b.text === 'Challenge: Ensomhet blant eldre')
    expect(blocks[index + 1]).toEqual({
      type: 'list',
      items: [
        {
          text: 'Solution: Møteplass på biblioteket',
          children: [{ text: `Action: ${HOSTILE.formula} — Owner: Kari Nordmann, Due: 01.12.2026, Status: In progress` }],
        },
      ],
    })
    expect(headings).toContain('3 Not linked')
    expect(tables[3]!.rows[0]).toEqual([HOSTILE.formula, 'Kari Nordmann', '01.12.2026', 'In progress', 'Møteplass på biblioteket', 'Ensomhet blant eldre'])
  })

  it('prints votes only when the workshop kept some', () => {
    expect(JSON.stringify(blocks)).not.toMatch(/votes|Vote/)
  })

  describe('every kept vote', () => {
    const workshop = testWorkshop()
    const challengeBoard = workshop.boards.find((b) => b.template === 'challengeBoard')!
    const canvas = workshop.boards.find((b) => b.template === 'canvas')!
    const kept = (over: Partial<ClosedVote>): ClosedVote => ({
      id: 'v', boardId: canvas.id, boardTitle: '', lane: '', votesPerPerson: 3, maxPerItem: 2, hidden: false,
      openedAt: 0, closedAt: Date.UTC(2026, 11, 5, 18, 30), voters: 4, eligible: 5, results: [], ...over,
    })
    // Listed out of order: the minutes sort by when each closed.
    const votes = [
      kept({ id: 'v2', boardId: challengeBoard.id, boardTitle: 'Utfordringer i mai', lane: 'challenge', closedAt: Date.UTC(2026, 11, 5, 19), results: [{ itemId: 'c1', text: 'Ensomhet (som det sto)', dots: 3 }] }),
      kept({ id: 'v1', results: [{ itemId: 'gone', text: 'Slettet etterpå', dots: 5 }, { itemId: 'n-old', text: '', dots: 2 }, { itemId: 'n-old2', text: '', dots: 2 }, { itemId: 'x', text: '', dots: 1 }] }),
      kept({ id: 'v3', closedAt: Date.UTC(2026, 11, 5, 20), voters: 0, eligible: 2 }),
      kept({ id: 'v0', boardId: challengeBoard.id, lane: 'challenge', closedAt: Date.UTC(2026, 11, 5, 17), results: [{ itemId: 'c1', text: 'x', dots: 9 }] }),
    ]
    const voted = buildMinutes(workshop, englishLabels, { exportedAt, votes })
    const section = voted.slice(voted.findIndex((b) => b.type === 'heading' && b.text === 'Votes'))

    it('lists each one in its own part, oldest first, with what was voted on and when', () => {
      expect(section.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text)).toEqual([
        'Votes',
        'Vote 1: ' + challengeBoard.title + ' — Challenge',
        'Vote 2: ' + canvas.title,
        'Vote 3: Utfordringer i mai — Challenge',
        'Vote 4: ' + canvas.title,
      ])
      expect(section).toContainEqual({ type: 'paragraph', text: 'Closed 2026-12-05 18:30; 4 people voted, 3 dots each (at most 2 on one); 4 of 5 got dots.' })
    })

    it('ranks the items with their kept texts, the ones now on the board, or says they were deleted', () => {
      const tables = section.filter((b) => b.type === 'table')
      expect(tables[1]).toEqual({
        type: 'table',
        columns: ['Rank', 'Text', 'Dots'],
        rows: [['1', 'Slettet etterpå', '5'], ['2', '(deleted)', '2'], ['2', '(deleted)', '2'], ['4', '(deleted)', '1']],
      })
      expect(tables[2]!.rows).toEqual([['1', 'Ensomhet (som det sto)', '3']])
      expect(section).toContainEqual({ type: 'paragraph', text: 'No one voted.', muted: true })
    })

    it('prints after a card the dots of the latest vote that covered it', () => {
      expect(voted).toContainEqual({ type: 'heading', level: 3, text: 'Challenge: Ensomhet blant eldre (votes: 3)' })
    })

    it('shows a note as it reads now when its text was never copied', () => {
      const note = workshop.items.find((i) => i.kind === 'note')! as { id: string; text: string }
      const fromV1 = buildMinutes(workshop, englishLabels, { exportedAt, votes: [kept({ results: [{ itemId: note.id, text: '', dots: 1 }] })] })
      expect(fromV1.find((b) => b.type === 'table' && b.columns[0] === 'Rank')).toMatchObject({ rows: [['1', note.text, '1']] })
    })
  })

  it('groups free-canvas notes by SDG, then dimension, untagged last', () => {
    const canvasHeadings = headings.slice(headings.indexOf('2 Lerret (free canvas)') + 1, headings.indexOf('2 Interessenter (stakeholder map)'))
    expect(canvasHeadings).toEqual(['3 SDG 3: Goal name 3', '3 SDG 17: Goal name 17', '3 Dimension: Social', '3 Dimension: Economic', '3 Untagged'])
  })

  it('says so when a board is empty', () => {
    const empty = buildMinutes({ ...testWorkshop(), items: [] }, englishLabels, { exportedAt })
    const texts = empty.filter((b) => b.type === 'paragraph').map((b) => b.text)
    expect(texts).toEqual(expect.arrayContaining(['No notes.', 'No stakeholders yet.', 'No actions yet.']))
  })
})

describe('minutesToMarkdown', () => {
  const md = minutesToMarkdown(buildMinutes(testWorkshop(), englishLabels, { exportedAt }))

  it.each([
    ['the title', '# Minutes: Studietur \\<b\\>Bodø\\</b\\>'],
    ['a stakeholder row', '| Frivilligsentralen | Preset authorities | 4 | 5 | Åse Ødegård |'],
    ['an escaped script in a table', '| \\<img src=x onerror=alert(1)\\> | \\<script\\>alert(1)\\</script\\> |'],
    ['the action with its owner', '  - Action: =HYPERLINK("http://x","y") — Owner: Kari Nordmann, Due: 01.12.2026, Status: In progress'],
    ['newlines as <br> inside cells', 'Sitat "her"; og<br>ny linje – æøå ÆØÅ'],
    ['an escaped note', '- \\<script\\>alert(1)\\</script\\>'],
  ])('contains %s', (_name, expected) => {
    expect(md).toContain(expected)
  })

  it('never contains a raw tag', () => {
    expect(md).not.toMatch(/(^|[^\\])<(script|img|b)\b/)
  })
})

describe('minutesToHtml', () => {
  const html = minutesToHtml(buildMinutes(testWorkshop(), englishLabels, { exportedAt }), englishLabels, 'Minutes')

  it('is a self-contained printable page', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
    expect(html).toContain('@page { size: A4;')
    expect(html).toContain("default-src 'none'")
    expect(html).not.toMatch(/<(script|img|link|iframe)\b/i)
    expect(html).not.toMatch(/<[^>]*\son\w+=/i)
  })

  it.each([
    ['escaped script', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['escaped img', '&lt;img src=x onerror=alert(1)&gt;'],
    ['escaped title', '<h1>Minutes: Studietur &lt;b&gt;Bodø&lt;/b&gt;</h1>'],
    ['table header', '<th scope="col">Contact person</th>'],
    ['line breaks', 'Sitat &quot;her&quot;; og<br>ny linje'],
  ])('contains %s', (_name, expected) => {
    expect(html).toContain(expected)
  })
})
