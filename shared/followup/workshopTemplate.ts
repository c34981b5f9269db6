import type { WorkshopSnapshot } from '../export/workshopJson'
import type { BoardRecord } from '../schema/records/board'
import type { ItemRecord } from '../schema/schema'

/** A template's name: shown in "new workshop" beside the built-in choices. */
export const TEMPLATE_NAME_MAX = 120
/** A template is a workshop's structure, not its content: far below an import's limit. */
export const TEMPLATE_MAX_BYTES = 2 * 1024 * 1024

/** What a template keeps of a workshop: its boards and the records that make their structure. */
export interface TemplateContent {
  boards: BoardRecord[]
  items: ItemRecord[]
}

/**
 * Item kinds a template leaves out: residents' notes, their drawings and their photos. Everything
 * else is the facilitator's structure (groups, stakeholders with their plan rows, matrix rows,
 * cards, connectors between kept items, headings and shapes). Votes and nicknames live in the
 * session and in awareness, never in items, so there is nothing of them to leave out.
 */
const leftOut: ReadonlySet<ItemRecord['kind']> = new Set(['note', 'stroke', 'image'])

/**
 * A workshop's boards as a template for colleagues (pure; run on save and again on use, so a
 * stored template can hold nothing it should not). Actions start afresh: no owner, due date,
 * status or origin, since they belonged to that meeting; stakeholders keep everything but origin. A connector survives only if both its
 * ends do.
 */
export function templateOf(snapshot: Pick<WorkshopSnapshot, 'boards' | 'items'>): TemplateContent {
  const kept = snapshot.items.filter((item) => !leftOut.has(item.kind))
  const ids = new Set(kept.map((item) => item.id))
  const items: ItemRecord[] = []
  for (const item of kept) {
    if (item.kind === 'connector') {
      const endKept = (end: typeof item.from) => !('itemId' in end) || ids.has(end.itemId)
      if (endKept(item.from) && endKept(item.to)) items.push(item)
    } else if (item.kind === 'card') {
      items.push({ ...item, owner: '', dueDate: '', status: 'open', origin: null })
    } else if (item.kind === 'stakeholder') {
      // Where it came from is that workshop's history, which colleagues may not see.
      items.push({ ...item, origin: null })
    } else {
      items.push(item)
    }
  }
  return { boards: [...snapshot.boards], items }
}

/** How a template is listed: what "new workshop" shows and whether the asker may delete it. */
export interface TemplateSummary {
  id: string
  name: string
  language: string
  /** Who made it: a staff id, and their name when the server still knows them. */
  createdBy: string
  createdByName: string | null
  createdAt: number
  boards: number
  /** The asker made it or is an administrator. */
  mayDelete: boolean
}
