import type { NoteRecord } from '../schema/records/note'
import type { TextRecord } from '../schema/records/text'
import { itemRect, textHeight, type CanvasItem } from './canvasItems'
import { boundsOf, type Rect } from './geometry'
import type { DocumentPlan } from './plan'

/** One cluster: a label and the notes under it, in this order. */
export interface ClusterGroup {
  label: string
  noteIds: readonly string[]
}

export interface ClusterInput {
  boardId: string
  /** Everything on the board now: the notes to move, and what they must not land on. */
  items: readonly CanvasItem[]
  groups: readonly ClusterGroup[]
  newId: () => string
  now: number
}

/** Board units; labels are read from the back of a room on the projector. */
export const CLUSTER_LABEL_SIZE = 40
export const CLUSTER_NOTE_GAP = 16
export const CLUSTER_GAP = 120
/** Notes side by side in one cluster at most. */
export const CLUSTER_MAX_COLUMNS = 5
/** A row of clusters is about this wide before the next cluster starts a new row. */
export const CLUSTER_ROW_WIDTH = 3200
/** Dark ink with contrast above 4.5:1 on the board (inkColors.black in the client). */
export const CLUSTER_LABEL_COLOR = '#1f1f1d'

/**
 * Lays out notes in labelled clusters, as one plan (one undo step): each group a grid of its notes
 * (as square as can be, at most five across, cells the size of the largest note) under a text
 * label; clusters side by side in rows. The layout starts where the notes were (the top left of
 * their bounds), or to the right of everything else on the board when it would cover any of it
 * (photos, drawings, earlier labels). Notes not in any group, and notes deleted meanwhile, are
 * left alone; a group with no notes left gets no label.
 */
export function planThemeClusters(input: ClusterInput): DocumentPlan {
  const notes = new Map<string, NoteRecord>()
  for (const item of input.items) if (item.kind === 'note' && item.boardId === input.boardId) notes.set(item.id, item)
  const groups = input.groups
    .map((group) => ({ label: group.label, notes: [...new Set(group.noteIds)].map((id) => notes.get(id)).filter((n): n is NoteRecord => n !== undefined) }))
    .filter((group) => group.notes.length > 0)
  const moving = groups.flatMap((group) => group.notes)
  if (moving.length === 0) return {}

  const cellW = Math.max(...moving.map((n) => n.w))
  const cellH = Math.max(...moving.map((n) => n.h))
  const clusters = groups.map((group) => {
    const columns = Math.min(CLUSTER_MAX_COLUMNS, Math.ceil(Math.sqrt(group.notes.length)))
    const rows = Math.ceil(group.notes.length / columns)
    const w = columns * cellW + (columns - 1) * CLUSTER_NOTE_GAP
    // A long name wraps onto more lines (estimated as the canvas does), and the notes start below it.
    const labelH = textHeight(group.label, w, CLUSTER_LABEL_SIZE)
    const h = labelH + CLUSTER_NOTE_GAP + rows * cellH + (rows - 1) * CLUSTER_NOTE_GAP
    return { ...group, columns, w, h, labelH }
  })

  // Clusters in rows, relative to the layout's top left.
  const placed: { cluster: (typeof clusters)[number]; x: number; y: number }[] = []
  let x = 0
  let y = 0
  let rowHeight = 0
  for (const cluster of clusters) {
    if (x > 0 && x + cluster.w > CLUSTER_ROW_WIDTH) {
      x = 0
      y += rowHeight + CLUSTER_GAP
      rowHeight = 0
    }
    placed.push({ cluster, x, y })
    x += cluster.w + CLUSTER_GAP
    rowHeight = Math.max(rowHeight, cluster.h)
  }
  const size = { w: Math.max(...placed.map((p) => p.x + p.cluster.w)), h: Math.max(...placed.map((p) => p.y + p.cluster.h)) }

  const movingIds = new Set(moving.map((n) => n.id))
  const lookup = new Map(input.items.map((item) => [item.id, item]))
  const others: Rect[] = []
  for (const item of input.items) {
    if (item.boardId !== input.boardId || movingIds.has(item.id)) continue
    // An arrow between moved notes follows them; one bound elsewhere is not in the way either.
    if (item.kind === 'connector') continue
    const rect = itemRect(item, (id) => lookup.get(id))
    if (rect) others.push(rect)
  }
  const from = boundsOf(moving.map((n) => ({ x: n.x, y: n.y, w: n.w, h: n.h })))!
  let origin = { x: Math.round(from.x), y: Math.round(from.y) }
  const area = { ...origin, ...size }
  if (others.some((rect) => overlaps(rect, area))) {
    const taken = boundsOf(others)!
    origin = { x: Math.round(taken.x + taken.w + CLUSTER_GAP), y: origin.y }
  }

  const createItems: TextRecord[] = []
  const updateItems: { id: string; patch: Record<string, unknown> }[] = []
  for (const [index, { cluster, x: cx, y: cy }] of placed.entries()) {
    const left = origin.x + cx
    const top = origin.y + cy
    createItems.push({
      id: input.newId(),
      kind: 'text',
      boardId: input.boardId,
      x: left,
      y: top,
      w: cluster.w,
      text: cluster.label,
      fontSize: CLUSTER_LABEL_SIZE,
      color: CLUSTER_LABEL_COLOR,
      // One apart, so the labels stack in the order they read on every screen.
      createdAt: input.now + index,
      sdgs: [],
      dimension: '',
    })
    cluster.notes.forEach((note, index) => {
      const column = index % cluster.columns
      const row = Math.floor(index / cluster.columns)
      const nx = left + column * (cellW + CLUSTER_NOTE_GAP)
      const ny = top + cluster.labelH + CLUSTER_NOTE_GAP + row * (cellH + CLUSTER_NOTE_GAP)
      if (nx !== note.x || ny !== note.y) updateItems.push({ id: note.id, patch: { x: nx, y: ny } })
    })
  }
  return { createItems, updateItems }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}
