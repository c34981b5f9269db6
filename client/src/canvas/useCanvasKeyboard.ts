import { useEffect, type RefObject } from 'react'
import type { WorkshopStore } from '../store/WorkshopStore'
import type { CanvasActions } from './canvasActions'
import { keyCommand, stepFocus, type KeyCommand } from './canvasKeyboard'
import type { CanvasStore } from './canvasState'
import type { GestureEvent } from './gestures/gestureReducer'
import type { Viewport } from './viewport/useViewport'

interface CanvasKeyboardDeps {
  store: WorkshopStore
  boardId: string
  canvasStore: CanvasStore
  viewport: Viewport
  actions: CanvasActions
  /** The image file picker (I). */
  pickerRef: RefObject<HTMLInputElement | null>
  /** The space bar goes to the gesture reducer: held, every drag pans. */
  dispatchGesture(event: GestureEvent): void
}

/**
 * The canvas's keys (canvasKeyboard.ts says which) while the focus is on the canvas or nowhere in
 * particular (the page body), never while typing in a field.
 */
export function useCanvasKeyboard({ store, boardId, canvasStore, viewport, actions, pickerRef, dispatchGesture }: CanvasKeyboardDeps): void {
  useEffect(() => {
    const ours = (target: EventTarget | null) =>
      target === document.body || (target instanceof Node && viewport.containerRef.current?.contains(target) === true)

    /** Carries out a command; false when the key turned out not to be the canvas's after all. */
    const run = (command: KeyCommand, only: string | null): boolean => {
      const s = canvasStore.getState()
      switch (command.type) {
        case 'space':
          if (!command.repeat) dispatchGesture({ type: 'space', down: true })
          return true
        case 'tab': {
          // Through the items in reading order; past either end Tab leaves the canvas as usual.
          const next = stepFocus(actions.readingItems(), only, command.direction)
          if (next) actions.focusItem(next)
          return next !== null
        }
        case 'focusFirst': {
          const first = stepFocus(actions.readingItems(), null, 1)
          if (first) actions.focusItem(first)
          return true
        }
        case 'undo':
        case 'redo':
          store.stopCapturing()
          if (command.type === 'undo') store.undo()
          else store.redo()
          return true
        case 'selectAll':
          actions.select(store.getItemIds(boardId))
          return true
        case 'fit':
          actions.fitByPerson()
          return true
        case 'resetZoom':
          actions.resetZoom()
          return true
        case 'zoom':
          actions.zoomBy(command.factor)
          return true
        case 'newNote':
          actions.createNoteInView()
          return true
        case 'vote':
          if (only) void (command.retract ? s.voting.retract(only) : s.voting.cast(only))
          return true
        case 'tool':
          actions.setTool(command.tool)
          return true
        case 'pickImage':
          pickerRef.current?.click()
          return true
        case 'toggleFilter':
          actions.toggleFilter()
          return true
        case 'cancelPlacing':
          dispatchGesture({ type: 'place', ids: null })
          return true
        case 'escape':
          actions.select([])
          actions.setTool('select')
          return command.changes
        case 'delete':
          actions.deleteSelection()
          return true
        case 'edit':
          if (only) actions.edit(only)
          return true
        case 'nudge':
          actions.nudgeSelection(command.dx, command.dy)
          return true
        case 'swallow':
          return true
        default: {
          const never: never = command
          throw new Error(`unknown key command ${JSON.stringify(never)}`)
        }
      }
    }

    const onKeyDown = (e: KeyboardEvent) => {
      if (!ours(e.target) || isTypingTarget(e.target)) return
      const s = canvasStore.getState()
      const only = s.selection.size === 1 ? [...s.selection][0]! : null
      const command = keyCommand(
        { key: e.key, code: e.code, shift: e.shiftKey, mod: e.ctrlKey || e.metaKey, alt: e.altKey, repeat: e.repeat, onCanvas: e.target === viewport.containerRef.current },
        {
          selectionSize: s.selection.size,
          tool: s.tool,
          canEdit: s.access.canEdit,
          canCreate: s.access.canCreate,
          canVoteOnSelected: s.voting.canVote && only !== null && s.voting.isEligible(store.getItem(only)),
          placing: s.gesture.placing !== null,
        },
      )
      if (command && run(command, only)) e.preventDefault()
    }
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ') dispatchGesture({ type: 'space', down: false })
    }
    const onBlur = () => dispatchGesture({ type: 'space', down: false })
    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('keyup', onKeyUp)
    window.addEventListener('blur', onBlur)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('keyup', onKeyUp)
      window.removeEventListener('blur', onBlur)
    }
  }, [actions, boardId, dispatchGesture, pickerRef, canvasStore, store, viewport])
}

/** A field the person types in: its keys are theirs, not the canvas's. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
}
