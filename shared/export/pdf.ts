import { LineCapStyle, PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib'
import type { ExportLabels } from './exportLabels'
import { layoutTextBox, wrapText, type DrawOp, type Drawing } from './boardLayout'
import type { MinutesBlock, MinutesListItem } from './minutes'

/**
 * Vector PDFs drawn with pdf-lib's standard Helvetica. Its WinAnsi encoding covers Norwegian and
 * the rest of Western Europe; any character it cannot encode is first stripped of its accent
 * (ő → o) and otherwise replaced by '?', so hostile or exotic text never stops an export.
 * Every string drawn is also appended to `textLog`, which the tests read.
 */
export const A4_PORTRAIT = { width: 595.28, height: 841.89 }
export const A4_LANDSCAPE = { width: 841.89, height: 595.28 }

export interface PdfResult {
  bytes: Uint8Array
  pageCount: number
  textLog: string[]
}

export interface BoardPage {
  title: string
  drawing: Drawing
}

/** Image bytes by hash (fetched from /api/images/<hash> by the caller); missing ones get a placeholder. */
export type ImageBytes = ReadonlyMap<string, Uint8Array>

interface Fonts {
  regular: PDFFont
  bold: PDFFont
  charset: Set<number>
}

export function makeSanitizer(charset: ReadonlySet<number>): (text: string) => string {
  return (text) => {
    let out = ''
    for (const char of text) {
      if (char === '\n') {
        out += char
        continue
      }
      const code = char.codePointAt(0)!
      if (char === '\t') out += ' '
      else if (charset.has(code)) out += char
      else {
        const plain = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
        out += [...plain].every((c) => charset.has(c.codePointAt(0)!)) && plain !== '' ? plain : '?'
      }
    }
    return out
  }
}

async function createDocument(title: string): Promise<{ pdf: PDFDocument; fonts: Fonts; sanitize: (s: string) => string }> {
  const pdf = await PDFDocument.create()
  const regular = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  const charset = new Set(regular.getCharacterSet())
  const sanitize = makeSanitizer(charset)
  pdf.setTitle(sanitize(title))
  pdf.setProducer('Samskap')
  pdf.setCreator('Samskap')
  return { pdf, fonts: { regular, bold, charset }, sanitize }
}

function color(hex: string | undefined) {
  if (!hex || !/^#[0-9a-fA-F]{6}$/.test(hex)) return undefined
  const n = Number.parseInt(hex.slice(1), 16)
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255)
}

// ---- boards ----------------------------------------------------------------------------------

/** One A4 landscape page per board, the drawing scaled to fit under a title line. */
export async function boardsToPdf(pages: readonly BoardPage[], images: ImageBytes, labels: ExportLabels, title: string): Promise<PdfResult> {
  const { pdf, fonts, sanitize } = await createDocument(title)
  const textLog: string[] = []
  const embedded = await embedImages(pdf, pages, images)
  for (const page of pages) drawBoardPage(pdf, page, fonts, sanitize, embedded, labels, textLog)
  const bytes = await pdf.save()
  return { bytes, pageCount: pdf.getPageCount(), textLog }
}

async function embedImages(pdf: PDFDocument, pages: readonly BoardPage[], images: ImageBytes): Promise<Map<string, PDFImage>> {
  const embedded = new Map<string, PDFImage>()
  for (const { drawing } of pages) {
    for (const op of drawing.ops) {
      if (op.op !== 'image' || embedded.has(op.hash)) continue
      const bytes = images.get(op.hash)
      if (!bytes) continue
      try {
        if (op.mime === 'image/jpeg') embedded.set(op.hash, await pdf.embedJpg(bytes))
        else if (op.mime === 'image/png') embedded.set(op.hash, await pdf.embedPng(bytes))
      } catch {
        // A damaged file gets the placeholder, like WebP and GIF, which pdf-lib cannot embed.
      }
    }
  }
  return embedded
}

function drawBoardPage(
  pdf: PDFDocument,
  { title, drawing }: BoardPage,
  fonts: Fonts,
  sanitize: (s: string) => string,
  images: Map<string, PDFImage>,
  labels: ExportLabels,
  textLog: string[],
): void {
  const page = pdf.addPage([A4_LANDSCAPE.width, A4_LANDSCAPE.height])
  const margin = 28
  const titleSize = 14
  const heading = sanitize(title)
  page.drawText(heading, { x: margin, y: A4_LANDSCAPE.height - margin - titleSize, size: titleSize, font: fonts.bold, color: rgb(0.1, 0.1, 0.1) })
  textLog.push(heading)
  const top = margin + titleSize + 12
  const availW = A4_LANDSCAPE.width - 2 * margin
  const availH = A4_LANDSCAPE.height - top - margin
  const s = Math.min(availW / drawing.width, availH / drawing.height, 1.5)
  const ox = margin + (availW - drawing.width * s) / 2
  const oy = top
  const px = (x: number) => ox + x * s
  const py = (y: number) => A4_LANDSCAPE.height - (oy + y * s)
  for (const op of drawing.ops) drawOp(page, op, { s, px, py, ox, oy }, fonts, sanitize, images, labels, textLog)
}

interface Frame {
  s: number
  px: (x: number) => number
  py: (y: number) => number
  ox: number
  oy: number
}

function drawOp(
  page: PDFPage,
  op: DrawOp,
  f: Frame,
  fonts: Fonts,
  sanitize: (s: string) => string,
  images: Map<string, PDFImage>,
  labels: ExportLabels,
  textLog: string[],
): void {
  const { s, px, py } = f
  switch (op.op) {
    case 'rect':
      page.drawRectangle({
        x: px(op.x),
        y: py(op.y + op.h),
        width: op.w * s,
        height: op.h * s,
        color: color(op.fill),
        borderColor: color(op.stroke),
        borderWidth: op.stroke ? (op.lineWidth ?? 1) * s : 0,
      })
      break
    case 'ellipse':
      page.drawEllipse({
        x: px(op.x + op.w / 2),
        y: py(op.y + op.h / 2),
        xScale: (op.w / 2) * s,
        yScale: (op.h / 2) * s,
        color: color(op.fill),
        borderColor: color(op.stroke),
        borderWidth: op.stroke ? (op.lineWidth ?? 1) * s : 0,
      })
      break
    case 'text':
      drawTextBox(page, op, f, fonts, sanitize, textLog)
      break
    case 'path': {
      if (op.points.length < 4) break
      const d = op.points
        .map((v, i) => (i % 2 === 0 ? `${i === 0 ? 'M' : 'L'} ${(f.ox + v * s).toFixed(2)}` : (f.oy + v * s).toFixed(2)))
        .join(' ')
      page.drawSvgPath(d, { x: 0, y: A4_LANDSCAPE.height, borderColor: color(op.color), borderWidth: op.width * s, borderLineCap: LineCapStyle.Round })
      break
    }
    case 'arrow': {
      const c = color(op.color) ?? rgb(0, 0, 0)
      page.drawLine({ start: { x: px(op.x1), y: py(op.y1) }, end: { x: px(op.x2), y: py(op.y2) }, thickness: op.width * s, color: c })
      const head = (x: number, y: number, fromX: number, fromY: number) => {
        const angle = Math.atan2(y - fromY, x - fromX)
        const len = 14
        const points = [-0.45, 0.45].map((a) => ({ x: x - len * Math.cos(angle + a), y: y - len * Math.sin(angle + a) }))
        const d = `M ${(f.ox + x * s).toFixed(2)} ${(f.oy + y * s).toFixed(2)} ${points.map((p) => `L ${(f.ox + p.x * s).toFixed(2)} ${(f.oy + p.y * s).toFixed(2)}`).join(' ')} Z`
        page.drawSvgPath(d, { x: 0, y: A4_LANDSCAPE.height, color: c })
      }
      if (op.heads !== 'none') head(op.x2, op.y2, op.x1, op.y1)
      if (op.heads === 'both') head(op.x1, op.y1, op.x2, op.y2)
      break
    }
    case 'image': {
      const image = images.get(op.hash)
      if (image) {
        page.drawImage(image, { x: px(op.x), y: py(op.y + op.h), width: op.w * s, height: op.h * s })
      } else {
        page.drawRectangle({ x: px(op.x), y: py(op.y + op.h), width: op.w * s, height: op.h * s, color: rgb(0.93, 0.93, 0.92), borderColor: rgb(0.6, 0.6, 0.6), borderWidth: 1 })
        const text = [labels.imagePlaceholder, op.alt].filter(Boolean).join('\n')
        drawTextBox(page, { op: 'text', x: op.x + 8, y: op.y + 8, w: op.w - 16, h: op.h - 16, text, size: 14, color: '#4a4a4a' }, f, fonts, sanitize, textLog)
      }
      break
    }
  }
}

function drawTextBox(
  page: PDFPage,
  op: Extract<DrawOp, { op: 'text' }>,
  f: Frame,
  fonts: Fonts,
  sanitize: (s: string) => string,
  textLog: string[],
): void {
  const font = op.bold ? fonts.bold : fonts.regular
  const text = sanitize(op.text)
  if (text.trim() === '' || op.w <= 0) return
  const box = layoutTextBox(op, text, (line) => font.widthOfTextAtSize(line, 1))
  const size = box.size * f.s
  const inner = op.fit === 'note' ? op.w - 2 * (box.x - op.x) : op.w
  box.lines.forEach((line, i) => {
    const width = font.widthOfTextAtSize(line, box.size)
    const x = op.align === 'center' ? box.x + (inner - width) / 2 : box.x
    const baseline = box.y + i * box.lineStep + box.size * 0.9
    page.drawText(line, { x: f.px(x), y: f.py(baseline), size, font, color: color(op.color) ?? rgb(0, 0, 0) })
  })
  textLog.push(box.lines.join('\n'))
}

// ---- the report: minutes as text pages, then every board ------------------------------------------

export async function reportToPdf(
  blocks: readonly MinutesBlock[],
  boards: readonly BoardPage[],
  images: ImageBytes,
  labels: ExportLabels,
  title: string,
): Promise<PdfResult> {
  const { pdf, fonts, sanitize } = await createDocument(title)
  const textLog: string[] = []
  new TextFlow(pdf, fonts, sanitize, textLog).blocks(blocks)
  const embedded = await embedImages(pdf, boards, images)
  for (const page of boards) drawBoardPage(pdf, page, fonts, sanitize, embedded, labels, textLog)
  const bytes = await pdf.save()
  return { bytes, pageCount: pdf.getPageCount(), textLog }
}

/** Lays text blocks top to bottom on A4 portrait pages, starting a new page when one is full. */
class TextFlow {
  private page!: PDFPage
  private y = 0
  private readonly margin = 50
  private readonly width = A4_PORTRAIT.width - 100

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
    private readonly sanitize: (s: string) => string,
    private readonly textLog: string[],
  ) {
    this.newPage()
  }

  private newPage(): void {
    this.page = this.pdf.addPage([A4_PORTRAIT.width, A4_PORTRAIT.height])
    this.y = A4_PORTRAIT.height - this.margin
  }

  private ensure(height: number): void {
    if (this.y - height < this.margin) this.newPage()
  }

  private lines(text: string, size: number, width: number, bold = false): string[] {
    const font = bold ? this.fonts.bold : this.fonts.regular
    return wrapText(this.sanitize(text), width, (line) => font.widthOfTextAtSize(line, size))
  }

  private write(text: string, size: number, x: number, width: number, bold = false, grey = false): void {
    const font = bold ? this.fonts.bold : this.fonts.regular
    const lineHeight = size * 1.35
    const lines = this.lines(text, size, width, bold)
    for (const line of lines) {
      this.ensure(lineHeight)
      this.y -= lineHeight
      this.page.drawText(line, { x, y: this.y + size * 0.3, size, font, color: grey ? rgb(0.35, 0.35, 0.35) : rgb(0.1, 0.1, 0.1) })
    }
    this.textLog.push(lines.join('\n'))
  }

  blocks(blocks: readonly MinutesBlock[]): void {
    for (const block of blocks) {
      switch (block.type) {
        case 'heading': {
          const size = [0, 18, 14, 12, 11][block.level]!
          this.ensure(size * 4)
          this.y -= size * 0.6
          this.write(block.text, size, this.margin, this.width, true)
          this.y -= 3
          break
        }
        case 'paragraph':
          this.write(block.text, 10, this.margin, this.width, false, block.muted)
          this.y -= 4
          break
        case 'list':
          this.list(block.items, 0)
          this.y -= 4
          break
        case 'table':
          this.table(block.columns, block.rows)
          break
      }
    }
  }

  private list(items: readonly MinutesListItem[], depth: number): void {
    const indent = this.margin + 12 + depth * 16
    for (const item of items) {
      this.ensure(14)
      this.page.drawText('•', { x: indent - 9, y: this.y - 10, size: 10, font: this.fonts.regular })
      this.write(item.text, 10, indent, this.width - (indent - this.margin), false)
      if (item.children) this.list(item.children, depth + 1)
    }
  }

  private table(columns: readonly string[], rows: readonly (readonly string[])[]): void {
    const size = 8.5
    const pad = 3
    const lineHeight = size * 1.3
    // Column widths follow the longest text in each column, within bounds, scaled to the width.
    const weights = columns.map((c, i) => Math.min(40, Math.max(6, c.length, ...rows.map((r) => (r[i] ?? '').length))))
    const total = weights.reduce((a, b) => a + b, 0)
    const widths = weights.map((w) => (w / total) * this.width)
    const drawRow = (cells: readonly string[], bold: boolean) => {
      const wrapped = cells.map((cell, i) => this.lines(cell, size, widths[i]! - 2 * pad, bold))
      const height = Math.max(1, ...wrapped.map((l) => l.length)) * lineHeight + 2 * pad
      this.ensure(height)
      let x = this.margin
      wrapped.forEach((lines, i) => {
        this.page.drawRectangle({
          x,
          y: this.y - height,
          width: widths[i]!,
          height,
          borderColor: rgb(0.6, 0.6, 0.6),
          borderWidth: 0.5,
          color: bold ? rgb(0.91, 0.94, 0.93) : undefined,
        })
        lines.forEach((line, j) => {
          this.page.drawText(line, {
            x: x + pad,
            y: this.y - pad - (j + 1) * lineHeight + size * 0.3,
            size,
            font: bold ? this.fonts.bold : this.fonts.regular,
            color: rgb(0.1, 0.1, 0.1),
          })
        })
        this.textLog.push(lines.join('\n'))
        x += widths[i]!
      })
      this.y -= height
    }
    drawRow(columns, true)
    for (const row of rows) drawRow(row, false)
    this.y -= 8
  }
}
