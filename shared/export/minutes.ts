import { collaborationFields } from '../schema/records/collaboration'
import type { BoardRecord } from '../schema/records/board'
import type { CardRecord } from '../schema/records/card'
import type { ClosedVote } from '../schema/records/session'
import type { ExportLabels } from './exportLabels'
import { latestDotsOf, voteBlocks } from './minutesVotes'
import type { WorkshopSnapshot } from './workshopJson'
import { boardHeading, boardsInOrder, challengeTree, matrixRows, notesByTag, stakeholderRows } from './workshopOutline'

/**
 * The minutes (protokoll) as a list of format-neutral blocks; `minutesToMarkdown`,
 * `minutesToHtml` and the PDF report render the same blocks, so they never disagree.
 */
export type MinutesBlock =
  | { type: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { type: 'paragraph'; text: string; muted?: boolean }
  | { type: 'table'; columns: string[]; rows: string[][] }
  | { type: 'list'; items: MinutesListItem[] }

export interface MinutesListItem {
  text: string
  children?: MinutesListItem[]
}

export interface MinutesOptions {
  /** When the minutes are made (printed under the title). */
  exportedAt: Date
  /**
   * Every closed vote the workshop kept (the session's `votes`): listed in a section of their own,
   * and the dots a card got in the latest vote that covered it are printed after that challenge,
   * solution or action. Nothing is invented for cards without dots.
   */
  votes?: readonly ClosedVote[]
}

export function buildMinutes(snapshot: WorkshopSnapshot, labels: ExportLabels, options: MinutesOptions): MinutesBlock[] {
  const created = new Date(snapshot.meta.createdAt).toISOString().slice(0, 10)
  const blocks: MinutesBlock[] = [
    { type: 'heading', level: 1, text: `${labels.minutesTitle}: ${snapshot.meta.title || labels.emptyText}` },
    { type: 'paragraph', text: `${labels.date}: ${labels.formatDate(created)}` },
    { type: 'paragraph', text: `${labels.exportedAt}: ${labels.formatDate(options.exportedAt.toISOString().slice(0, 10))}`, muted: true },
  ]
  for (const board of boardsInOrder(snapshot)) {
    blocks.push({ type: 'heading', level: 2, text: boardHeading(board, labels) })
    blocks.push(...boardBlocks(snapshot, board, labels, options))
  }
  blocks.push(...voteBlocks(snapshot, options.votes ?? [], labels))
  return blocks
}

function boardBlocks(snapshot: WorkshopSnapshot, board: BoardRecord, labels: ExportLabels, options: MinutesOptions): MinutesBlock[] {
  switch (board.template) {
    case 'stakeholderMap':
      return stakeholderMapBlocks(snapshot, board, labels)
    case 'involvementMatrix':
      return matrixBlocks(snapshot, board, labels)
    case 'challengeBoard':
      return challengeBlocks(snapshot, board, labels, options)
    case 'canvas':
      return canvasBlocks(snapshot, board, labels)
  }
}

const or = (text: string, fallback: string) => (text.trim() === '' ? fallback : text)

function stakeholderMapBlocks(snapshot: WorkshopSnapshot, board: BoardRecord, labels: ExportLabels): MinutesBlock[] {
  const rows = stakeholderRows(snapshot, board.id, labels.groupName)
  if (rows.length === 0) return [{ type: 'paragraph', text: labels.noStakeholders, muted: true }]
  return [
    { type: 'heading', level: 3, text: labels.stakeholders },
    {
      type: 'table',
      columns: [labels.name, labels.group, labels.influence, labels.interest, labels.contactPerson],
      rows: rows.map(({ stakeholder: s, group }) => [
        or(s.name, labels.emptyText),
        group || labels.ungrouped,
        String(s.influence),
        String(s.interest),
        s.contactPerson,
      ]),
    },
    { type: 'heading', level: 3, text: labels.communicationPlan },
    {
      type: 'table',
      columns: [labels.who, labels.what, labels.how, labels.when],
      rows: rows.map(({ stakeholder: s }) => [
        s.contactPerson ? `${or(s.name, labels.emptyText)} (${s.contactPerson})` : or(s.name, labels.emptyText),
        s.message,
        s.channel,
        s.frequency,
      ]),
    },
  ]
}

export function formatGap(gap: number | null, labels: Pick<ExportLabels, 'notSet'>): string {
  if (gap === null) return labels.notSet
  return gap > 0 ? `+${gap}` : String(gap)
}

function matrixBlocks(snapshot: WorkshopSnapshot, board: BoardRecord, labels: ExportLabels): MinutesBlock[] {
  if (!board.linkedBoardId) return [{ type: 'paragraph', text: labels.noLinkedMap, muted: true }]
  const rows = matrixRows(snapshot, board, labels.groupName)
  if (rows.length === 0) return [{ type: 'paragraph', text: labels.noStakeholders, muted: true }]
  const blocks: MinutesBlock[] = [
    {
      type: 'table',
      columns: [labels.name, labels.group, labels.levelNow, labels.levelWanted, labels.gap],
      rows: rows.map(({ stakeholder: s, group, gap }) => [
        or(s.name, labels.emptyText),
        group || labels.ungrouped,
        labels.levelName(s.levelNow),
        labels.levelName(s.levelWanted),
        formatGap(gap, labels),
      ]),
    },
  ]
  const withCollaboration = rows.filter((row) => row.collaboration)
  if (withCollaboration.length > 0) {
    blocks.push({ type: 'heading', level: 3, text: labels.collaborations })
    for (const row of withCollaboration) {
      const collaboration = row.collaboration!
      blocks.push({ type: 'heading', level: 4, text: or(row.stakeholder.name, labels.emptyText) })
      blocks.push({
        type: 'list',
        items: collaborationFields
          .filter((field) => collaboration[field].trim() !== '')
          .map((field) => ({ text: `${labels.collaborationField(field)}: ${collaboration[field]}` })),
      })
    }
  }
  return blocks
}

export function actionLine(action: CardRecord, labels: ExportLabels): string {
  const details = [
    action.owner ? `${labels.owner}: ${action.owner}` : '',
    action.dueDate ? `${labels.dueDate}: ${labels.formatDate(action.dueDate)}` : '',
    `${labels.status}: ${labels.statusName(action.status)}`,
  ].filter(Boolean)
  return `${or(action.text, labels.emptyText)} — ${details.join(', ')}`
}

function challengeBlocks(snapshot: WorkshopSnapshot, board: BoardRecord, labels: ExportLabels, options: MinutesOptions): MinutesBlock[] {
  const tree = challengeTree(snapshot, board.id)
  const dotsOf = latestDotsOf(options.votes ?? [])
  const withVotes = (card: CardRecord, text: string) => {
    const votes = dotsOf(card)
    return votes === undefined ? text : `${text} (${labels.votes}: ${votes})`
  }
  const solutionItem = ({ solution, actions }: { solution: CardRecord; actions: CardRecord[] }): MinutesListItem => ({
    text: withVotes(solution, `${labels.lane('solution')}: ${or(solution.text, labels.emptyText)}`),
    children: actions.map((action) => ({ text: withVotes(action, `${labels.action}: ${actionLine(action, labels)}`) })),
  })
  const blocks: MinutesBlock[] = []
  for (const { challenge, solutions } of tree.challenges) {
    blocks.push({ type: 'heading', level: 3, text: withVotes(challenge, `${labels.lane('challenge')}: ${or(challenge.text, labels.emptyText)}`) })
    if (solutions.length === 0) blocks.push({ type: 'paragraph', text: labels.noSolutions, muted: true })
    else blocks.push({ type: 'list', items: solutions.map(solutionItem) })
  }
  if (tree.unlinkedSolutions.length > 0 || tree.unlinkedActions.length > 0) {
    blocks.push({ type: 'heading', level: 3, text: labels.notLinked })
    blocks.push({
      type: 'list',
      items: [
        ...tree.unlinkedSolutions.map(solutionItem),
        ...tree.unlinkedActions.map((action) => ({ text: withVotes(action, `${labels.action}: ${actionLine(action, labels)}`) })),
      ],
    })
  }
  blocks.push({ type: 'heading', level: 3, text: labels.actions })
  if (tree.actions.length === 0) {
    blocks.push({ type: 'paragraph', text: labels.noActions, muted: true })
  } else {
    blocks.push({
      type: 'table',
      columns: [labels.action, labels.owner, labels.dueDate, labels.status, labels.lane('solution'), labels.lane('challenge')],
      rows: tree.actions.map(({ action, solution, challenge }) => [
        or(action.text, labels.emptyText),
        action.owner,
        action.dueDate ? labels.formatDate(action.dueDate) : '',
        labels.statusName(action.status),
        solution?.text ?? '',
        challenge?.text ?? '',
      ]),
    })
  }
  return blocks
}

function canvasBlocks(snapshot: WorkshopSnapshot, board: BoardRecord, labels: ExportLabels): MinutesBlock[] {
  const groups = notesByTag(snapshot, board.id)
  if (groups.length === 0) return [{ type: 'paragraph', text: labels.noNotes, muted: true }]
  const blocks: MinutesBlock[] = []
  for (const { key, notes } of groups) {
    const heading =
      key.kind === 'sdg'
        ? `${labels.sdgs} ${key.sdg}: ${labels.sdgName(key.sdg)}`
        : key.kind === 'dimension'
          ? `${labels.dimension}: ${labels.dimensionName(key.dimension)}`
          : labels.untagged
    blocks.push({ type: 'heading', level: 3, text: heading })
    blocks.push({ type: 'list', items: notes.map((note) => ({ text: or(note.text, labels.emptyText) })) })
  }
  return blocks
}

// ---- Markdown --------------------------------------------------------------------------------

/**
 * Escapes text for CommonMark: punctuation that could start markup is backslash-escaped, so a note
 * reading `<script>` or `**x**` shows as typed and a Markdown viewer never renders it as HTML.
 */
export function escapeMarkdown(text: string, lineStart = true): string {
  const inline = text.replace(/[\\`*_[\]<>#|~&!]/g, (c) => `\\${c}`)
  // List and heading markers only count at the start of a line; table cells never start one.
  if (!lineStart) return inline
  return inline.replace(/^(\d+)([.)])(?=\s|$)|^([-+=])/, (_m, digits: string | undefined, dot: string | undefined, mark: string | undefined) =>
    digits ? `${digits}\\${dot}` : `\\${mark}`,
  )
}

function markdownInline(text: string, lineStart = true): string {
  return escapeMarkdown(text, lineStart).replace(/\r\n|\r|\n/g, '<br>')
}

export function minutesToMarkdown(blocks: readonly MinutesBlock[]): string {
  const out: string[] = []
  const list = (items: readonly MinutesListItem[], depth: number) => {
    for (const item of items) {
      out.push(`${'  '.repeat(depth)}- ${markdownInline(item.text)}`)
      if (item.children) list(item.children, depth + 1)
    }
  }
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        out.push(`${'#'.repeat(block.level)} ${markdownInline(block.text)}`, '')
        break
      case 'paragraph':
        out.push(block.muted ? `_${markdownInline(block.text)}_` : markdownInline(block.text), '')
        break
      case 'table':
        out.push(`| ${block.columns.map((c) => markdownInline(c, false)).join(' | ')} |`)
        out.push(`| ${block.columns.map(() => '---').join(' | ')} |`)
        for (const row of block.rows) out.push(`| ${row.map((c) => markdownInline(c, false)).join(' | ')} |`)
        out.push('')
        break
      case 'list':
        list(block.items, 0)
        out.push('')
        break
    }
  }
  return out.join('\n')
}

// ---- printable HTML --------------------------------------------------------------------------

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

function htmlInline(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>')
}

const PRINT_CSS = `
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 20pt; margin: 0 0 .4em; }
h2 { font-size: 15pt; margin: 1.6em 0 .4em; padding-bottom: .2em; border-bottom: 2px solid #1f6f5c; break-after: avoid; }
h3 { font-size: 12pt; margin: 1.1em 0 .3em; break-after: avoid; }
h4 { font-size: 11pt; margin: .8em 0 .2em; break-after: avoid; }
p { margin: .3em 0; }
.muted { color: #555; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; font-size: 10pt; }
th, td { border: 1px solid #999; padding: .25em .45em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #e8f0ee; }
tr { break-inside: avoid; }
ul { margin: .3em 0 .6em; padding-left: 1.3em; }
li { margin: .15em 0; }
@media print { body { margin: 0; max-width: none; padding: 0; } a { color: inherit; } }
`

/** A self-contained page: no scripts, no external resources, every piece of text escaped. */
export function minutesToHtml(blocks: readonly MinutesBlock[], labels: Pick<ExportLabels, 'language'>, title: string): string {
  const out: string[] = []
  const list = (items: readonly MinutesListItem[]): string =>
    `<ul>${items.map((item) => `<li>${htmlInline(item.text)}${item.children?.length ? list(item.children) : ''}</li>`).join('')}</ul>`
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        out.push(`<h${block.level}>${htmlInline(block.text)}</h${block.level}>`)
        break
      case 'paragraph':
        out.push(`<p${block.muted ? ' class="muted"' : ''}>${htmlInline(block.text)}</p>`)
        break
      case 'table':
        out.push(
          `<table><thead><tr>${block.columns.map((c) => `<th scope="col">${htmlInline(c)}</th>`).join('')}</tr></thead><tbody>` +
            block.rows.map((row) => `<tr>${row.map((cell) => `<td>${htmlInline(cell)}</td>`).join('')}</tr>`).join('') +
            '</tbody></table>',
        )
        break
      case 'list':
        out.push(list(block.items))
        break
    }
  }
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(labels.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${PRINT_CSS}</style>`,
    '</head>',
    '<body>',
    ...out,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
