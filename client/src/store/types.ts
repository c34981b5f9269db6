import type { Role } from '../../../shared/access'
import type { BoardRecord } from '../../../shared/schema/records/board'
import type { NoteRecord } from '../../../shared/schema/records/note'
import type { WorkshopMetaRecord } from '../../../shared/schema/records/workshopMeta'

export type { BoardRecord, NoteRecord, WorkshopMetaRecord }

/**
 * What the person sees about the link to the server. `offline` and `reconnecting` carry how many
 * of this person's changes have not reached the server yet; `refused` is final until reload.
 */
export type ConnectionState =
  | { status: 'connecting'; unsynced: number }
  | { status: 'connected'; unsynced: 0 }
  | { status: 'offline'; unsynced: number }
  | { status: 'reconnecting'; unsynced: number }
  | { status: 'refused'; unsynced: number; code: number; reason: string }

/** Presence of another person, read from awareness (never stored in the document). */
export interface Peer {
  clientId: number
  name: string
  color: string
  /** Where their pointer is, in board coordinates, or null when it is off the canvas. */
  cursor: { boardId: string; x: number; y: number } | null
  /** The board they are looking at. */
  boardId: string | null
  /** Their camera on a canvas board, for following them; null when not shared. */
  view: CanvasView | null
  /** Their role and participant id as the server stamped them; null from a server that does not stamp. */
  role: Role | null
  participantId: string
}

/** A camera on a canvas board, in awareness. */
export interface CanvasView {
  boardId: string
  x: number
  y: number
  scale: number
}

/** Shape of this client's awareness state; other clients' states are validated before use. */
export interface AwarenessState {
  user: { name: string; color: string }
  boardId: string | null
  cursor: { boardId: string; x: number; y: number } | null
  view: CanvasView | null
}

export type { NotePatch } from '../../../shared/logic/itemEdits'
