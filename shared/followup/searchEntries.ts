import type { WorkshopSnapshot } from '../export/workshopJson'
import type { ItemRecord } from '../schema/schema'
import type { Tagged } from '../schema/tags'

/**
 * What the knowledge bank indexes of a workshop: one entry per record that holds words people
 * search for (the workshop, its boards, notes, text, shapes, cards, stakeholders with their plan
 * rows, groups, collaborations, photos' descriptions). Connectors and strokes hold no words.
 * The server stores the entries in the database's own full-text index (server/search/).
 */
export interface SearchEntry {
  workshopId: string
  /** '' for the workshop itself. */
  boardId: string
  /** The record a result opens: the workshop id, a board id or an item id. */
  recordId: string
  kind: SearchEntryKind
  /** The result's heading (a note's or card's text, a stakeholder's name). */
  title: string
  /** Further words (an owner, a contact person, the plan row, a collaboration's definitions). */
  body: string
  /** Tags as words: `sdg17`, and the dimension's key (`social`, `environmental`, `economic`). */
  tags: string
}

export const searchEntryKinds = ['workshop', 'board', 'note', 'text', 'shape', 'card', 'stakeholder', 'stakeholderGroup', 'collaboration', 'image'] as const
export type SearchEntryKind = (typeof searchEntryKinds)[number]

/** The word a tag is searched by: `sdg17` (a bare "17" would match every number in the notes). */
export function sdgWord(sdg: number): string {
  return `sdg${sdg}`
}

export function tagWords(tagged: Tagged): string {
  return [...tagged.sdgs.map(sdgWord), ...(tagged.dimension ? [tagged.dimension] : [])].join(' ')
}

/**
 * Every entry of the workshop, sorted by record id. Records whose board is gone are not shown
 * anywhere, so they are not found either; entries without any words are left out.
 */
export function extractSearchEntries(workshopId: string, snapshot: WorkshopSnapshot): SearchEntry[] {
  const boardIds = new Set(snapshot.boards.map((b) => b.id))
  const entries: SearchEntry[] = [{ workshopId, boardId: '', recordId: workshopId, kind: 'workshop', title: snapshot.meta.title, body: '', tags: '' }]
  for (const board of snapshot.boards) entries.push({ workshopId, boardId: board.id, recordId: board.id, kind: 'board', title: board.title, body: '', tags: '' })
  const stakeholderNames = new Map(snapshot.items.flatMap((item) => (item.kind === 'stakeholder' ? [[item.id, item.name] as const] : [])))
  const groupNames = new Map(snapshot.items.flatMap((item) => (item.kind === 'stakeholderGroup' ? [[item.id, item.name] as const] : [])))
  for (const item of snapshot.items) {
    const entry = boardIds.has(item.boardId) ? itemSearchEntry(workshopId, item, { stakeholderNames, groupNames }) : null
    if (entry) entries.push(entry)
  }
  return entries.filter(hasWords).sort((a, b) => compare(a.recordId, b.recordId))
}

/**
 * One item's entry, as `extractSearchEntries` makes it for an item on a board that exists; null
 * when it holds no words. Stakeholders' and groups' names appear in other items' entries (`names`).
 */
export function itemSearchEntry(workshopId: string, item: ItemRecord, names: Names): SearchEntry | null {
  const words = wordsOf(item, names)
  if (!words) return null
  const entry: SearchEntry = { workshopId, boardId: item.boardId, recordId: item.id, kind: item.kind as SearchEntryKind, ...words }
  return hasWords(entry) ? entry : null
}

/**
 * Kinds whose entry is made with other items' (a collaboration carries its stakeholder's name, a
 * stakeholder its group's) or whose name other entries carry: one of them changed, the workshop is read whole.
 */
export const kindsReadWithOthers: ReadonlySet<string> = new Set(['stakeholder', 'stakeholderGroup', 'collaboration'])

function hasWords(entry: SearchEntry): boolean {
  return entry.title.trim() !== '' || entry.body.trim() !== '' || entry.tags !== ''
}

export interface Names {
  stakeholderNames: ReadonlyMap<string, string>
  groupNames: ReadonlyMap<string, string>
}

function lines(...parts: string[]): string {
  return parts.filter((p) => p.trim() !== '').join('\n')
}

function wordsOf(item: ItemRecord, names: Names): Pick<SearchEntry, 'title' | 'body' | 'tags'> | null {
  switch (item.kind) {
    case 'note':
    case 'text':
    case 'shape':
      return { title: item.text, body: '', tags: tagWords(item) }
    case 'card':
      return { title: item.text, body: item.owner, tags: tagWords(item) }
    case 'stakeholder':
      return {
        title: item.name,
        body: lines(names.groupNames.get(item.groupId) ?? '', item.contactPerson, item.message, item.channel, item.frequency),
        tags: tagWords(item),
      }
    case 'stakeholderGroup':
      return { title: item.name, body: '', tags: '' }
    case 'collaboration':
      return {
        title: names.stakeholderNames.get(item.stakeholderId) ?? '',
        body: lines(item.goals, item.rolesAndResponsibility, item.funding, item.expectedResults, item.indicators, item.platforms),
        tags: '',
      }
    case 'image':
      return { title: item.alt, body: '', tags: '' }
    case 'connector':
    case 'stroke':
      return null
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
