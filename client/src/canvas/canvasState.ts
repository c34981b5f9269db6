import type { Rect } from '../../../shared/logic/geometry'
import { emptyTagFilter, type TagFilter } from '../../../shared/logic/tags'
import type { NoteColor } from '../../../shared/schema/records/note'
import type { ItemRecord } from '../../../shared/schema/schema'
import type { BoardAccess } from '../session/boardAccess'
import type { CameraRequest } from '../session/sessionBus'
import type { BoardVoting } from '../session/useBoardVote'
import { idleGestures, type Draft, type GestureState } from './gestures/gestureReducer'
import { createStore, type Store } from '../lib/createStore'
import type { CanvasTool } from './tools'
import { initialViewport, type ViewportState } from './viewport/useViewport'

export type Notice = { tone: 'info' | 'error'; text: string }

/** Kinds whose text is typed in place (the overlay editor, `editingId`). */
export type EditableKind = 'note' | 'text' | 'shape'

export function isEditableKind(kind: ItemRecord['kind'] | undefined): kind is EditableKind {
  return kind === 'note' || kind === 'text' || kind === 'shape'
}

/**
 * Everything one person's canvas of one board holds that is not in the document: fresh per board,
 * never stored or sent (the camera goes out as the facilitator's view, the cursor as presence).
 */
export interface CanvasState extends ViewportState {
  /** Ids of selected items on this board; items deleted by anyone drop out (culling.ts). */
  selection: ReadonlySet<string>
  /** The item whose text is typed in the overlay editor. */
  editingId: string | null
  tool: CanvasTool
  /** The pointer gesture in progress, the fingers down, the space bar (gestures/gestureReducer.ts). */
  gesture: GestureState
  /** The selection rectangle being dragged, in board coordinates. */
  marquee: Rect | null
  /** The shape or arrow being drawn, dashed, before it becomes a record. */
  draft: Draft | null
  /** New notes get the colour last chosen. */
  lastColor: NoteColor
  filter: TagFilter
  filterOpen: boolean
  notice: Notice | null
  /** Files dragged over the canvas. */
  dropping: boolean
  /** Items mounted as Konva nodes: those within reach of the view, the selection and the one edited (culling.ts). */
  rendered: readonly string[]
  /** The person moved the camera (or made something): the board stops fitting itself to its content. */
  cameraTouched: boolean
  /** The camera asked for by following or a summon, while the person has not moved it since: kept in view on resize. */
  requestedCamera: CameraRequest | null
  /** A camera asked for before the canvas knew its size: applied once it does. */
  pendingCamera: CameraRequest | null
  /**
   * From outside the canvas (role and lock, the vote on this board): set here when they change, so
   * handlers made once read them when they run.
   */
  access: BoardAccess
  voting: BoardVoting
}

export type CanvasStore = Store<CanvasState>

export const noSelection: ReadonlySet<string> = new Set()

export function createCanvasStore(init: Pick<CanvasState, 'access' | 'voting' | 'pendingCamera'>): CanvasStore {
  return createStore<CanvasState>({
    ...initialViewport,
    selection: noSelection,
    editingId: null,
    tool: 'select',
    gesture: idleGestures,
    marquee: null,
    draft: null,
    lastColor: 'yellow',
    filter: emptyTagFilter,
    filterOpen: false,
    notice: null,
    dropping: false,
    rendered: [],
    cameraTouched: false,
    requestedCamera: null,
    ...init,
  })
}
