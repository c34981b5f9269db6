import { readItemMap } from '../../../shared/doc/readItemMap'
import { readSession } from '../../../shared/schema/records/sessionHistory'
import type { ItemRecord } from '../../../shared/schema/schema'
import type { BoardTemplate } from '../../../shared/schema/records/board'
import type { DocumentPlan } from '../../../shared/logic/plan'
import type { NoteInit } from '../../../shared/logic/itemEdits'
import type { BoardChoice } from '../../../shared/logic/templates'
import type { PositionPatch } from '../../../shared/logic/notes'
import { LocalOrigin } from './LocalOrigin'
import { UndoHistory, type UndoState } from './UndoHistory'
import { WorkshopConnection, type WorkshopStoreOptions } from './WorkshopConnection'
import { WorkshopEdits } from './WorkshopEdits'
import { RemoteChanges, type RemoteChange } from './RemoteChanges'
import type { NotePatch } from './types'

export { LocalOrigin }
export type { RemoteChange, WorkshopStoreOptions }

/**
 * The bridge between the Yjs document and React, and the only code in the browser that touches
 * Y.* (with its parts). It composes one part per job and keeps the public face components use;
 * `WorkshopConnection`, which it extends, holds the parts every open workshop has:
 *   RecordSnapshots  validated, immutable snapshots of the document (every kind), by topic
 *   Transport        the server link: provider, control channel, connection state
 *   LocalCopy        the copy kept in IndexedDB
 *   Presence         this person's and everyone else's awareness
 * and this class adds the board's editing:
 *   WorkshopEdits    every edit as a plan through the one validated write path
 *   UndoHistory      undo and redo of this person's own edits
 *   RemoteChanges    others' item changes, for screen-reader announcements
 * See README.md in this folder for how a click becomes an update.
 */
export class WorkshopStore extends WorkshopConnection {
  private readonly edits: WorkshopEdits
  private readonly history: UndoHistory
  private readonly remoteChanges: RemoteChanges

  constructor(options: WorkshopStoreOptions) {
    super(options, readItemMap, readSession)
    this.edits = new WorkshopEdits(this.doc, this.records)
    this.history = new UndoHistory(this.maps, this.emit)
    this.remoteChanges = new RemoteChanges(
      this.maps.items,
      this.records,
      (transaction) => this.transport.isFromServer(transaction) && this.transport.hasBeenConnected(),
    )
  }

  /**
   * Other people's item changes as they arrive from the server (not the first sync, not this
   * browser's own stored copy, not own edits), for announcing them to screen readers.
   */
  onRemoteChanges(listener: (changes: readonly RemoteChange[]) => void): () => void {
    return this.remoteChanges.subscribe(listener)
  }

  getUndoState(): UndoState {
    return this.history.getState()
  }

  // ---- edits: each builds a plan for the one write path (WorkshopEdits) ----------------------

  /**
   * Validates a whole plan against the current document and applies it in one transaction with
   * LocalOrigin (one update, one undo step), or throws PlanRejectedError with the first validator
   * message and writes nothing.
   */
  applyPlan(plan: DocumentPlan): void {
    this.edits.applyPlan(plan)
  }

  /** Adds a free canvas board at the end; returns its id. */
  addBoard(title: string): string {
    return this.edits.addBoard(title)
  }

  /**
   * Adds a board from a template, or the workshop kit (three linked boards). `titles` are the
   * translated default titles. Returns the id of the board to show.
   */
  addBoardFromTemplate(choice: BoardChoice, titles: Record<BoardTemplate, string>, linkTo?: string): string {
    return this.edits.addBoardFromTemplate(choice, titles, linkTo)
  }

  /** Shows or hides a board's how-to text, for everyone. */
  setBoardHelpVisible(id: string, showHelp: boolean): void {
    this.edits.setBoardHelpVisible(id, showHelp)
  }

  /** Renames a board (the title cut to the limit); nothing if it was deleted meanwhile. */
  renameBoard(id: string, title: string): void {
    this.edits.renameBoard(id, title)
  }

  /** Moves a board to `toIndex` among the tabs. */
  moveBoard(id: string, toIndex: number): void {
    this.edits.moveBoard(id, toIndex)
  }

  /** Deletes a board and everything on it, as one undoable step. */
  deleteBoard(id: string): void {
    this.edits.deleteBoard(id)
  }

  createItem(item: ItemRecord): string {
    return this.edits.createItem(item)
  }

  updateItem(id: string, patch: Record<string, unknown>): void {
    this.edits.updateItem(id, patch)
  }

  /** A new note with defaults for what `init` leaves out, its text cut to the limit; returns its id. */
  createNote(boardId: string, init: NoteInit): string {
    return this.edits.createNote(boardId, init)
  }

  /** Changes a note (its text cut to the limit); nothing if it was deleted meanwhile. */
  updateNote(id: string, patch: NotePatch): void {
    this.edits.updateNote(id, patch)
  }

  /** Applies positions planned by `planMove` as one plan; items deleted meanwhile are skipped. */
  moveItems(patches: readonly PositionPatch[]): void {
    this.edits.moveItems(patches)
  }

  deleteItems(ids: Iterable<string>): void {
    this.edits.deleteItems(ids)
  }

  /** Ends the current undo step so the next edit is undone separately. */
  stopCapturing(): void {
    this.history.stopCapturing()
  }

  undo(): void {
    this.history.undo()
  }

  redo(): void {
    this.history.redo()
  }

  protected override beforeDestroy(): void {
    this.history.destroy()
    this.remoteChanges.destroy()
  }
}

/** A board page's store, for `useWorkshopStore`. */
export function openWorkshopStore(options: WorkshopStoreOptions): WorkshopStore {
  return new WorkshopStore(options)
}

export { PlanRejectedError } from '../../../shared/doc/applyPlan'
