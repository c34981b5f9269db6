import type * as Y from 'yjs'
import type { PlainRecord } from '../schema/Migration'

/**
 * The Yjs layout of a workshop (docs/schema.md is the prose version):
 *   meta:   Y.Map  — `schema` (versions per record kind), title, language, createdAt
 *   boards: Y.Map<boardId, Y.Map>  — one Y.Map per board record
 *   items:  Y.Map<itemId, Y.Map>   — one Y.Map per item (note, ...), `boardId` says where it lives
 *   session: Y.Map  — the facilitator's live state (schema/records/session.ts), written by the server only
 * One Y.Map per record so two people changing different fields of one note both win.
 */
export const META = 'meta'
export const BOARDS = 'boards'
export const ITEMS = 'items'
export const SESSION = 'session'
/** Every top-level type a workshop has; the server refuses updates that create any other. */
export const ROOT_TYPES: readonly string[] = [META, BOARDS, ITEMS, SESSION]
export const SCHEMA_KEY = 'schema'

export type RecordMap = Y.Map<unknown>

export interface WorkshopMaps {
  meta: Y.Map<unknown>
  boards: Y.Map<RecordMap>
  items: Y.Map<RecordMap>
  session: Y.Map<unknown>
}

export function getWorkshopMaps(doc: Y.Doc): WorkshopMaps {
  return {
    meta: doc.getMap(META),
    boards: doc.getMap<RecordMap>(BOARDS),
    items: doc.getMap<RecordMap>(ITEMS),
    session: doc.getMap(SESSION),
  }
}

export function readRecord(map: RecordMap): PlainRecord {
  return map.toJSON() as PlainRecord
}
