import { nanoid } from 'nanoid'
import type * as Y from 'yjs'
import { applyPlan } from '../../../shared/doc/applyPlan'
import { planAddCanvasBoard, planDeleteBoard, planMoveBoard, planRenameBoard } from '../../../shared/logic/boardEdits'
import { newNote, planNoteUpdate, planPositions, type NoteInit, type NotePatch } from '../../../shared/logic/itemEdits'
import type { PositionPatch } from '../../../shared/logic/notes'
import { isEmptyPlan, type DocumentPlan } from '../../../shared/logic/plan'
import { planAddBoard, type BoardChoice } from '../../../shared/logic/templates'
import type { BoardTemplate } from '../../../shared/schema/records/board'
import type { ItemRecord } from '../../../shared/schema/schema'
import { LocalOrigin } from './LocalOrigin'
import type { RecordSnapshots } from './RecordSnapshots'

/**
 * This person's edits. Each method asks a planner in shared/logic for a `DocumentPlan` (reading
 * the snapshots for what it needs, such as the board order) and hands it to `applyPlan`, the one
 * write path: the shared applier validates every record as it will stand and writes the plan in
 * one LocalOrigin transaction (one update, one undo step), or throws PlanRejectedError having
 * written nothing. Nothing here writes to the document any other way.
 */
export class WorkshopEdits {
  readonly #doc: Y.Doc
  readonly #records: RecordSnapshots

  constructor(doc: Y.Doc, records: RecordSnapshots) {
    this.#doc = doc
    this.#records = records
  }

  applyPlan(plan: DocumentPlan): void {
    if (isEmptyPlan(plan)) return
    applyPlan(this.#doc, plan, LocalOrigin)
  }

  /** A fresh record id. */
  newId(): string {
    return nanoid()
  }

  addBoard(title: string): string {
    const id = nanoid()
    this.applyPlan(planAddCanvasBoard(this.#records.getBoards(), id, title))
    return id
  }

  addBoardFromTemplate(choice: BoardChoice, titles: Record<BoardTemplate, string>, linkTo?: string): string {
    const boards = this.#records.getBoards()
    const { plan, firstBoardId } = planAddBoard({
      choice,
      existingBoards: boards,
      titles,
      newId: () => nanoid(),
      now: Date.now(),
      linkTo: linkTo ?? boards.find((b) => b.template === 'stakeholderMap')?.id ?? '',
    })
    this.applyPlan(plan)
    return firstBoardId
  }

  setBoardHelpVisible(id: string, showHelp: boolean): void {
    this.applyPlan({ updateBoards: [{ id, patch: { showHelp } }] })
  }

  renameBoard(id: string, title: string): void {
    this.applyPlan(planRenameBoard(this.#records.getBoards(), id, title))
  }

  moveBoard(id: string, toIndex: number): void {
    this.applyPlan(planMoveBoard(this.#records.getBoards(), id, toIndex))
  }

  deleteBoard(id: string): void {
    this.applyPlan(planDeleteBoard(id))
  }

  createItem(item: ItemRecord): string {
    this.applyPlan({ createItems: [item] })
    return item.id
  }

  updateItem(id: string, patch: Record<string, unknown>): void {
    this.applyPlan({ updateItems: [{ id, patch }] })
  }

  createNote(boardId: string, init: NoteInit): string {
    const note = newNote(boardId, init, nanoid(), Date.now())
    this.applyPlan({ createItems: [note] })
    return note.id
  }

  updateNote(id: string, patch: NotePatch): void {
    this.applyPlan(planNoteUpdate(this.#records.getNote(id), patch))
  }

  moveItems(patches: readonly PositionPatch[]): void {
    this.applyPlan(planPositions(patches))
  }

  deleteItems(ids: Iterable<string>): void {
    this.applyPlan({ deleteItems: [...ids] })
  }
}
