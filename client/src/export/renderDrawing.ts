import { layoutTextBox, type DrawOp, type Drawing } from '../../../shared/export/boardLayout'

/** Canvases larger than this (per side) fail in some browsers; big boards are scaled down to fit. */
const MAX_SIDE = 8000
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif'

/**
 * The PNG backend of shared/export/boardLayout.ts: the same drawing the PDF gets, painted on an
 * offscreen canvas at `pixelRatio` (2 for sharp text on a projector). Images that did not load get
 * the placeholder box with their alt text, as in the PDF.
 */
export async function drawingToPng(
  drawing: Drawing,
  images: ReadonlyMap<string, ImageBitmap>,
  placeholder: string,
  pixelRatio = 2,
): Promise<Blob> {
  const scale = Math.min(pixelRatio, MAX_SIDE / drawing.width, MAX_SIDE / drawing.height)
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(drawing.width * scale))
  canvas.height = Math.max(1, Math.round(drawing.height * scale))
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2D canvas')
  ctx.scale(scale, scale)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, drawing.width, drawing.height)
  for (const op of drawing.ops) drawOp(ctx, op, images, placeholder)
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'))
}

function drawOp(ctx: CanvasRenderingContext2D, op: DrawOp, images: ReadonlyMap<string, ImageBitmap>, placeholder: string): void {
  switch (op.op) {
    case 'rect':
    case 'ellipse': {
      ctx.beginPath()
      if (op.op === 'rect') ctx.rect(op.x, op.y, op.w, op.h)
      else ctx.ellipse(op.x + op.w / 2, op.y + op.h / 2, op.w / 2, op.h / 2, 0, 0, Math.PI * 2)
      if (op.fill) {
        ctx.fillStyle = op.fill
        ctx.fill()
      }
      if (op.stroke) {
        ctx.strokeStyle = op.stroke
        ctx.lineWidth = op.lineWidth ?? 1
        ctx.stroke()
      }
      break
    }
    case 'text':
      drawText(ctx, op)
      break
    case 'path': {
      if (op.points.length < 4) break
      ctx.beginPath()
      ctx.moveTo(op.points[0]!, op.points[1]!)
      for (let i = 2; i + 1 < op.points.length; i += 2) ctx.lineTo(op.points[i]!, op.points[i + 1]!)
      ctx.strokeStyle = op.color
      ctx.lineWidth = op.width
      ctx.lineCap = 'round'
      ctx.lineJoin = 'round'
      ctx.stroke()
      break
    }
    case 'arrow': {
      ctx.beginPath()
      ctx.moveTo(op.x1, op.y1)
      ctx.lineTo(op.x2, op.y2)
      ctx.strokeStyle = op.color
      ctx.lineWidth = op.width
      ctx.stroke()
      const head = (x: number, y: number, fromX: number, fromY: number) => {
        const angle = Math.atan2(y - fromY, x - fromX)
        ctx.beginPath()
        ctx.moveTo(x, y)
        for (const a of [-0.45, 0.45]) ctx.lineTo(x - 14 * Math.cos(angle + a), y - 14 * Math.sin(angle + a))
        ctx.closePath()
        ctx.fillStyle = op.color
        ctx.fill()
      }
      if (op.heads !== 'none') head(op.x2, op.y2, op.x1, op.y1)
      if (op.heads === 'both') head(op.x1, op.y1, op.x2, op.y2)
      break
    }
    case 'image': {
      const bitmap = images.get(op.hash)
      if (bitmap) {
        ctx.drawImage(bitmap, op.x, op.y, op.w, op.h)
      } else {
        drawOp(ctx, { op: 'rect', x: op.x, y: op.y, w: op.w, h: op.h, fill: '#eeeeeb', stroke: '#999999' }, images, placeholder)
        drawText(ctx, { op: 'text', x: op.x + 8, y: op.y + 8, w: op.w - 16, h: op.h - 16, text: [placeholder, op.alt].filter(Boolean).join('\n'), size: 14, color: '#4a4a4a' })
      }
      break
    }
  }
}

function drawText(ctx: CanvasRenderingContext2D, op: Extract<DrawOp, { op: 'text' }>): void {
  if (op.text.trim() === '' || op.w <= 0) return
  const weight = op.bold ? '700 ' : ''
  // Measured at 100 px and scaled: the layout tries several sizes over the same words.
  const box = layoutTextBox(op, op.text, (s) => {
    ctx.font = `${weight}100px ${FONT}`
    return ctx.measureText(s).width / 100
  })
  ctx.font = `${weight}${box.size}px ${FONT}`
  ctx.fillStyle = op.color
  ctx.textBaseline = 'alphabetic'
  box.lines.forEach((line, i) => {
    const width = ctx.measureText(line).width
    const x = op.align === 'center' ? op.x + (op.w - width) / 2 : box.x
    ctx.fillText(line, x, box.y + i * box.lineStep + box.size * 0.9)
  })
}
