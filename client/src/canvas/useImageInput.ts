import { useCallback, useEffect, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { placedImageSize } from '../../../shared/logic/canvasItems'
import type { Point } from '../../../shared/logic/geometry'
import type { CommitPlan } from '../store/useCommitPlan'
import type { WorkshopStore } from '../store/WorkshopStore'
import type { CanvasActions } from './canvasActions'
import type { CanvasStore } from './canvasState'
import { enqueueImage, onUploadError, startImageUploads } from './images/imageQueue'
import { ImagePrepareError, prepareImage } from './images/prepareImage'
import { isTypingTarget } from './useCanvasKeyboard'
import type { Viewport } from './viewport/useViewport'

interface ImageInputDeps {
  store: WorkshopStore
  boardId: string
  canvasStore: CanvasStore
  viewport: Viewport
  actions: CanvasActions
  commit: CommitPlan
}

export interface ImageInput {
  /** Photos from the picker or the camera button: in the middle of the view. */
  addImages(files: readonly File[], at?: Point): Promise<void>
  /** For the container: files dragged over it and dropped where they land. */
  dropHandlers: {
    onDragOver(e: DragEvent<HTMLDivElement>): void
    onDragLeave(e: DragEvent<HTMLDivElement>): void
    onDrop(e: DragEvent<HTMLDivElement>): void
  }
}

/**
 * Photos onto the canvas: picked, pasted or dropped. The record is made at once (everyone sees
 * where the photo goes); the bytes wait in IndexedDB until they are uploaded (images/imageQueue.ts).
 */
export function useImageInput({ store, boardId, canvasStore, viewport, actions, commit }: ImageInputDeps): ImageInput {
  const { t } = useTranslation('canvas')

  const addImages = useCallback(
    async (files: readonly File[], at?: Point) => {
      if (!canvasStore.getState().access.canCreate) return
      let center = at ?? actions.viewCenter()
      const created: string[] = []
      for (const file of files) {
        if (!file.type.startsWith('image/') && file.type !== '') continue
        try {
          const prepared = await prepareImage(file)
          const { w, h } = placedImageSize(prepared.width, prepared.height)
          const id = store.newId()
          const photo = { id, kind: 'image', boardId, x: Math.round(center.x - w / 2), y: Math.round(center.y - h / 2), w, h, hash: prepared.hash, mime: prepared.mime, alt: '', createdAt: Date.now() } as const
          if (!commit({ createItems: [photo] })) continue
          await enqueueImage(store.workshopId, prepared.hash, prepared.mime, prepared.blob)
          created.push(id)
          center = { x: center.x + 32, y: center.y + 32 }
          if (!navigator.onLine) actions.notify({ tone: 'info', text: t('image.added') })
        } catch (error) {
          if (!(error instanceof ImagePrepareError)) throw error
          actions.notify({ tone: 'error', text: t(error.reason === 'tooLarge' ? 'image.errorTooLarge' : 'image.errorUnreadable') })
        }
      }
      if (created.length > 0) canvasStore.setState({ cameraTouched: true, tool: 'select', selection: new Set(created) })
    },
    [actions, boardId, commit, canvasStore, store, t],
  )

  useEffect(() => {
    startImageUploads(store.workshopId)
    return onUploadError((_hash, message) => actions.notify({ tone: 'error', text: t('image.errorRefused', { message }) }))
  }, [actions, store, t])

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target
      if (isTypingTarget(target)) return
      if (!(target === document.body || (target instanceof Node && viewport.containerRef.current?.contains(target)))) return
      const files = [...(e.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'))
      if (files.length === 0) return
      e.preventDefault()
      void addImages(files)
    }
    window.addEventListener('paste', onPaste)
    return () => window.removeEventListener('paste', onPaste)
  }, [addImages, viewport])

  const dropHandlers: ImageInput['dropHandlers'] = {
    onDragOver(e) {
      if (![...e.dataTransfer.types].includes('Files') || !canvasStore.getState().access.canCreate) return
      e.preventDefault()
      canvasStore.setState({ dropping: true })
    },
    onDragLeave(e) {
      if (e.currentTarget === e.target) canvasStore.setState({ dropping: false })
    },
    onDrop(e) {
      canvasStore.setState({ dropping: false })
      const files = [...e.dataTransfer.files].filter((f) => f.type.startsWith('image/'))
      if (files.length === 0) return
      e.preventDefault()
      void addImages(files, viewport.toBoard(viewport.localPoint(e)))
    },
  }
  return { addImages, dropHandlers }
}
