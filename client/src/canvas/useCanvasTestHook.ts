import type Konva from 'konva'
import { useEffect } from 'react'
import { itemRect } from '../../../shared/logic/canvasItems'
import { resolveConnector } from '../../../shared/logic/connectors'
import type { Rect } from '../../../shared/logic/geometry'
import type { WorkshopStore } from '../store/WorkshopStore'
import type { CanvasActions } from './canvasActions'
import type { CanvasStore } from './canvasState'
import { coarseStats } from './CoarseItems'
import type { CanvasTestHook } from './canvasTestHook'
import type { CanvasItems } from './itemHandlers'
import { imageSourceStates } from './itemNodes'
import { NOTE_TEXT_NAME } from './NoteNode'
import { redrawStats } from './viewport/regionRedraw'
import type { Viewport } from './viewport/useViewport'

interface TestHookDeps {
  store: WorkshopStore
  boardId: string
  canvasStore: CanvasStore
  viewport: Viewport
  actions: CanvasActions
  items: CanvasItems
}

/** Installs `window.__samskapCanvas` (canvasTestHook.ts) while this canvas is shown. */
export function useCanvasTestHook({ store, boardId, canvasStore, viewport, actions, items }: TestHookDeps): void {
  useEffect(() => {
    const { lookupItem } = actions
    /** A board rect in viewport pixels, with the camera on screen. */
    const onScreen = (rect: Rect | null): Rect | null => {
      const box = viewport.containerRef.current?.getBoundingClientRect()
      if (!rect || !box) return null
      const c = canvasStore.getState().camera
      return { x: box.left + rect.x * c.scale + c.x, y: box.top + rect.y * c.scale + c.y, w: rect.w * c.scale, h: rect.h * c.scale }
    }
    const hook: CanvasTestHook = {
      boardId,
      getCamera: () => ({ ...canvasStore.getState().camera }),
      getSelection: () => [...canvasStore.getState().selection],
      getNotes: () =>
        store.getItemIds(boardId).flatMap((id) => {
          const note = store.getNote(id)
          return note ? [{ id, text: note.text, x: note.x, y: note.y, w: note.w, h: note.h, color: note.color }] : []
        }),
      getPeerCursors: () =>
        store.getPeers().flatMap((peer) => (peer.cursor && peer.cursor.boardId === boardId ? [{ name: peer.name, x: peer.cursor.x, y: peer.cursor.y }] : [])),
      getNoteText(id) {
        const text = items.nodes.get(id)?.findOne<Konva.Text>(`.${NOTE_TEXT_NAME}`)
        if (!text) return null
        return { fontSize: text.fontSize(), lines: text.textArr.map((line) => line.text), width: text.width(), lineWidths: text.textArr.map((line) => line.width) }
      },
      noteScreenRect(id) {
        const note = store.getNote(id)
        return onScreen(note && note.boardId === boardId ? note : null)
      },
      itemScreenRect(id) {
        const item = lookupItem(id)
        return onScreen(item && item.boardId === boardId ? itemRect(item, lookupItem) : null)
      },
      getItems: () =>
        store.getItemIds(boardId).flatMap((id) => {
          const item = lookupItem(id)
          const rect = item ? itemRect(item, lookupItem) : null
          return item && rect ? [{ id, kind: item.kind, x: rect.x, y: rect.y, w: rect.w, h: rect.h }] : []
        }),
      getItem: (id) => {
        const item = lookupItem(id)
        return item && item.boardId === boardId ? structuredClone(item) : null
      },
      getConnectorEnds(id) {
        const item = lookupItem(id)
        if (item?.kind !== 'connector') return null
        return resolveConnector(item.from, item.to, (itemId) => {
          const target = lookupItem(itemId)
          return target && target.kind !== 'connector' ? { ...itemRect(target)!, round: target.kind === 'shape' && target.shape === 'ellipse' } : undefined
        })
      },
      getRenderStats: () => ({ mountedItemNodes: items.nodes.size, renderedIds: canvasStore.getState().rendered.length, coarseDrawn: coarseStats.drawn, totalItems: store.getItemIds(boardId).length, fullRedraws: redrawStats.full, regionRedraws: redrawStats.regions }),
      getImageSource: (id) => imageSourceStates.get(id) ?? null,
      getTool: () => canvasStore.getState().tool,
    }
    window.__samskapCanvas = hook
    return () => {
      if (window.__samskapCanvas === hook) delete window.__samskapCanvas
    }
  }, [actions, boardId, items, canvasStore, store, viewport])
}
