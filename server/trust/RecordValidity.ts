import * as Y from 'yjs'
import { readBoardMap, readMetaMap } from '../../shared/doc/readRecords'
import { readItemMap } from '../../shared/doc/readItemMap'
import { getWorkshopMaps, type WorkshopMaps } from '../../shared/doc/workshopDoc'
import { ROOT_TYPES } from '../../shared/doc/workshopMaps'
import type { Refusal } from '../../shared/facilitation/guard'
import type { AppliedUpdate, RoomExtension } from '../sync/RoomExtension'
import type { Room } from '../sync/Room'

/**
 * Every record a client update touches is read through the validators the clients read it with
 * (shared/doc/readRecords.ts), as a room extension after authorship and before the guard: an item
 * of an unknown kind, a field of the wrong type or over its documented maximum, a field that is not
 * one plain value, list content in a record or a record map: the whole update is refused with
 * `invalid`, naming the first record and what is wrong, and undone (nothing of it is stored or
 * relayed: server/sync/UndoableApply.ts). Before, such a record was stored and every client
 * skipped it without a word.
 *
 * A top-level type a workshop does not have (`ROOT_TYPES`) is refused the same way, whoever writes
 * it, naming the type: nothing reads it, yet every joiner would download it. The `session` map is
 * written by the server alone (the guard refuses it).
 */
export class RecordValidity implements RoomExtension {
  readonly name = 'validity'
  readonly #maps: WorkshopMaps

  constructor(room: Pick<Room, 'doc'>) {
    this.#maps = getWorkshopMaps(room.doc)
  }

  checkApplied({ transaction }: AppliedUpdate): Refusal | null {
    return invalidRecordIn(transaction, this.#maps)
  }
}

/** The first record `transaction` left invalid (or a part holding what no record holds), as a refusal; null if none. */
export function invalidRecordIn(transaction: Y.Transaction, maps: WorkshopMaps): Refusal | null {
  const { meta, boards, items, session } = maps
  const touchedItems = new Set<string>()
  const touchedBoards = new Set<string>()
  let touchedMeta = false
  for (const [type, keys] of transaction.changed) {
    const root = rootOf(type)
    if (root !== (meta as unknown) && root !== (boards as unknown) && root !== (items as unknown) && root !== (session as unknown)) {
      return invalid(null, null, `unknown top-level type ${nameOfRoot(transaction.doc, root)}: a workshop has only ${ROOT_TYPES.join(', ')}`)
    }
    if (root === (meta as unknown)) {
      touchedMeta = true
      if (keys.has(null)) return invalid(null, null, 'workshopMeta: list content in the meta map')
    } else if (root === (items as unknown) || root === (boards as unknown)) {
      const part = root === (items as unknown) ? 'items' : 'boards'
      const touched = root === (items as unknown) ? touchedItems : touchedBoards
      if (type === root) {
        if (keys.has(null)) return invalid(null, null, `${part}: list content beside the records`)
        for (const key of keys) touched.add(key!)
        continue
      }
      const id = recordIdUnder(root, type)
      if (id === null) continue
      if (type._item?.parent !== root || keys.has(null)) return invalid(id, boardOf(items, id), `${part}.${id}: a record holds only plain fields`)
      touched.add(id)
    }
  }
  for (const id of touchedItems) {
    const value = items.get(id)
    if (value === undefined) continue
    const read = readItemMap(id, value)
    if (!read.ok) return invalid(id, boardOf(items, id), read.error)
  }
  for (const id of touchedBoards) {
    const value = boards.get(id)
    if (value === undefined) continue
    const read = readBoardMap(id, value)
    if (!read.ok) return invalid(id, id, read.error)
  }
  if (touchedMeta) {
    const read = readMetaMap(meta)
    if (!read.ok) return invalid(null, null, read.error)
  }
  return null
}

function invalid(recordId: string | null, boardId: string | null, detail: string): Refusal {
  return { reason: 'invalid', boardId, ...(recordId !== null ? { recordId } : {}), detail }
}

/** A top-level type's name as the sender wrote it, quoted and cut short (it is the sender's string). */
function nameOfRoot(doc: Y.Doc, root: YType): string {
  for (const [name, type] of doc.share) {
    if (type === root) return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name)
  }
  return '(unnamed)'
}

function boardOf(items: Y.Map<Y.Map<unknown>>, id: string): string | null {
  const value = items.get(id)
  const boardId = value instanceof Y.Map ? value.get('boardId') : undefined
  return typeof boardId === 'string' ? boardId : null
}

// Yjs's own typing of a type's event parameter makes AbstractType<unknown> unassignable from its types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type YType = Y.AbstractType<any>

/** The top-level type `type` sits in. */
export function rootOf(type: YType): YType {
  let current = type
  while (current._item !== null && current._item.parent instanceof Y.AbstractType) current = current._item.parent
  return current
}

/** The id of the record (a direct child of `parent`) that `type` is or sits in; null if it is not under `parent`. */
export function recordIdUnder(parent: unknown, type: YType): string | null {
  let current = type
  while (current._item !== null) {
    const above = current._item.parent
    if (above === parent) return current._item.parentSub
    if (!(above instanceof Y.AbstractType)) return null
    current = above
  }
  return null
}
