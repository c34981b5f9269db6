import { describe, expect, it } from 'vitest'
import { englishLabels, HOSTILE } from '../export/testWorkshop'
import type { ActionRow } from './actionRegister'
import { registerCalendar, registerCsv } from './registerExports'

const row = (cardId: string, fields: Partial<ActionRow>): ActionRow => ({
  workshopId: 'w1', workshopTitle: 'Ungdom og fritid', language: 'nb', boardId: 'cb', boardTitle: 'Tiltak', cardId, text: cardId, owner: '',
  dueDate: '', status: 'open', sdgs: [], dimension: '', dots: 0, solution: null, challenge: null, origin: null, ...fields,
})
const rows = [
  row('a1', { text: 'Ring rektor', owner: 'Kari', dueDate: '2026-11-10', dots: 3, solution: { id: 's1', text: 'Åpne skolen', dots: 0 }, challenge: { id: 'c1', text: 'Få møteplasser', dots: 2 } }),
  row('a2', { text: HOSTILE.formula, owner: HOSTILE.plus, status: 'inProgress', dueDate: '2026-12-01' }),
  row('a3', { text: 'Ferdig', dueDate: '2026-10-01', status: 'done' }),
  row('a4', { text: 'Uten dato' }),
]

describe('registerCsv', () => {
  const lines = registerCsv(rows, englishLabels).replace(/^\uFEFF/, '').split('\r\n')
  it('has a header in the labels’ language and one line per action, formulas defused', () => {
    expect(lines[0]).toBe('Workshop;Board;Action;Owner;Due;Status;votes;Solution;Challenge')
    expect(lines[1]).toBe('Ungdom og fritid;Tiltak;Ring rektor;Kari;2026-11-10;Not started;3;Åpne skolen;Få møteplasser')
    expect(lines[2]).toBe(`Ungdom og fritid;Tiltak;"'=HYPERLINK(""http://x"",""y"")";'+cmd;2026-12-01;In progress;0;;`)
    expect(lines.filter((l) => l !== '')).toHaveLength(5)
  })
})

describe('registerCalendar', () => {
  const ics = registerCalendar(rows, englishLabels, { name: 'Actions', baseUrl: 'https://samskap.example.no/', now: new Date('2026-11-01T12:00:00Z') })
  // Long lines are folded (RFC 5545: CRLF + space); unfold to read them.
  const text = ics.replace(/\r\n[ \t]/g, '')
  const events = text.split('BEGIN:VEVENT').slice(1)

  it('has one all-day event per dated action not done, on the date itself, with a stable UID', () => {
    expect(events.map((e) => /UID:(.*)/.exec(e)?.[1]?.trim())).toEqual(['w1-a1@samskap', 'w1-a2@samskap'])
    expect(events.map((e) => /DTSTART;VALUE=DATE:(\d+)/.exec(e)?.[1])).toEqual(['20261110', '20261201'])
    expect(text).toContain('PRODID:-//Samskap//actions//EN')
    expect(text).toContain('DTSTAMP:20261101T120000Z')
  })

  it('names the owner, says what it serves and links to its board', () => {
    expect(events[0]).toContain('SUMMARY:Ring rektor (Kari)')
    expect(events[0]).toContain('DESCRIPTION:Workshop: Ungdom og fritid\\nBoard: Tiltak\\nOwner: Kari\\nStatus: Not started\\nSolution: Åpne skolen\\nChallenge: Få møteplasser')
    expect(events[0]).toContain('URL;VALUE=URI:https://samskap.example.no/w/w1?board=cb&item=a1')
  })

  it('escapes text so an action cannot add lines or fields of its own', () => {
    const hostile = registerCalendar([row('x', { text: 'a;b,c\nEND:VEVENT', dueDate: '2026-11-10' })], englishLabels, { name: 'A', baseUrl: 'https://s', now: new Date(0) })
    expect(hostile).toContain('SUMMARY:a\\;b\\,c\\nEND:VEVENT')
    expect(hostile.match(/^END:VEVENT/gm)).toHaveLength(1)
  })
})
