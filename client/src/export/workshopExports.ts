import i18next from 'i18next'
import { layoutBoard } from '../../../shared/export/boardLayout'
import { actionsCsv, notesCsv, stakeholdersCsv } from '../../../shared/export/csvExports'
import type { ExportLabels } from '../../../shared/export/exportLabels'
import { buildMinutes, minutesToHtml, minutesToMarkdown } from '../../../shared/export/minutes'
import { boardsToPdf, reportToPdf, type BoardPage } from '../../../shared/export/pdf'
import { toWorkshopExport, type WorkshopSnapshot } from '../../../shared/export/workshopJson'
import { boardHasContent, boardHeading, boardsInOrder } from '../../../shared/export/workshopOutline'
import type { BoardRecord } from '../../../shared/schema/records/board'
import type { ClosedVote } from '../../../shared/schema/records/session'
import { loadLanguage, matchLanguage } from '../i18n/i18n'
import { exportLabelsFor } from './exportLabels'
import { exportFileName } from './fileName'
import { drawingToPng } from './renderDrawing'

export type ExportKind = 'markdown' | 'html' | 'report' | 'stakeholdersCsv' | 'actionsCsv' | 'notesCsv' | 'json' | 'png' | 'pdf'

export interface ExportFile {
  content: BlobPart
  type: string
  fileName: string
}

/**
 * Every export, made from one snapshot: `boardId` is needed for the PNG and the board PDF.
 * `votes` (every closed vote the workshop kept) are listed in the minutes, and the dots after each card.
 */
export async function makeExport(
  kind: ExportKind,
  snapshot: WorkshopSnapshot,
  workshopId: string,
  boardId: string | null,
  now = new Date(),
  votes: readonly ClosedVote[] = [],
): Promise<ExportFile> {
  const language = matchLanguage(snapshot.meta.language) ?? 'nb'
  // The workshop's language, which need not be the reader's: only the reader's is loaded at start.
  await loadLanguage(language)
  const labels = exportLabelsFor(snapshot.meta.language)
  const files = i18next.getFixedT(language, 'export')
  const title = snapshot.meta.title
  const name = (what: string, extension: string) => exportFileName(title, now, what, extension)
  const minutes = () => buildMinutes(snapshot, labels, { exportedAt: now, votes })
  const heading = `${labels.minutesTitle}: ${title || labels.emptyText}`
  switch (kind) {
    case 'markdown':
      return { content: minutesToMarkdown(minutes()), type: 'text/markdown;charset=utf-8', fileName: name(files('files.minutes'), 'md') }
    case 'html':
      return { content: minutesToHtml(minutes(), labels, heading), type: 'text/html;charset=utf-8', fileName: name(files('files.minutes'), 'html') }
    case 'stakeholdersCsv':
      return { content: stakeholdersCsv(snapshot, labels), type: 'text/csv;charset=utf-8', fileName: name(files('files.stakeholders'), 'csv') }
    case 'actionsCsv':
      return { content: actionsCsv(snapshot, labels), type: 'text/csv;charset=utf-8', fileName: name(files('files.actions'), 'csv') }
    case 'notesCsv':
      return { content: notesCsv(snapshot, labels), type: 'text/csv;charset=utf-8', fileName: name(files('files.notes'), 'csv') }
    case 'json':
      return {
        content: JSON.stringify(toWorkshopExport(snapshot, workshopId, now), null, 2),
        type: 'application/json',
        fileName: name(files('files.workshop'), 'json'),
      }
    case 'report': {
      // An empty board gets no page in the report (its minutes say it is empty); alone it still prints.
      const pages = boardPages(snapshot, boardsInOrder(snapshot).filter((b) => boardHasContent(snapshot, b)), labels)
      const result = await reportToPdf(minutes(), pages, await fetchImageBytes(pages), labels, heading)
      return { content: result.bytes as Uint8Array<ArrayBuffer>, type: 'application/pdf', fileName: name(files('files.report'), 'pdf') }
    }
    case 'pdf':
    case 'png': {
      const board = snapshot.boards.find((b) => b.id === boardId)
      if (!board) throw new Error('no board')
      const [page] = boardPages(snapshot, [board], labels)
      if (kind === 'pdf') {
        const result = await boardsToPdf([page!], await fetchImageBytes([page!]), labels, page!.title)
        return { content: result.bytes as Uint8Array<ArrayBuffer>, type: 'application/pdf', fileName: name(board.title, 'pdf') }
      }
      const blob = await drawingToPng(page!.drawing, await fetchBitmaps([page!]), labels.imagePlaceholder)
      return { content: blob, type: 'image/png', fileName: name(board.title, 'png') }
    }
  }
}

function boardPages(snapshot: WorkshopSnapshot, boards: readonly BoardRecord[], labels: ExportLabels): BoardPage[] {
  return boards.map((board) => ({
    title: boardHeading(board, labels),
    drawing: layoutBoard(snapshot, board, labels),
  }))
}

function imageHashes(pages: readonly BoardPage[]): Set<string> {
  return new Set(pages.flatMap((p) => p.drawing.ops.flatMap((op) => (op.op === 'image' ? [op.hash] : []))))
}

/** Photos for the PDF; one that cannot be fetched (offline, deleted) gets the placeholder instead. */
async function fetchImageBytes(pages: readonly BoardPage[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>()
  await Promise.all(
    [...imageHashes(pages)].map(async (hash) => {
      try {
        const response = await fetch(`/api/images/${hash}`)
        if (response.ok) out.set(hash, new Uint8Array(await response.arrayBuffer()))
      } catch {
        // placeholder
      }
    }),
  )
  return out
}

async function fetchBitmaps(pages: readonly BoardPage[]): Promise<Map<string, ImageBitmap>> {
  const out = new Map<string, ImageBitmap>()
  await Promise.all(
    [...imageHashes(pages)].map(async (hash) => {
      try {
        const response = await fetch(`/api/images/${hash}`)
        if (response.ok) out.set(hash, await createImageBitmap(await response.blob()))
      } catch {
        // placeholder
      }
    }),
  )
  return out
}
