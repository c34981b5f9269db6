import { planDownscale, sniffImageMime } from '../../../../shared/logic/imageMime'
import { IMAGE_MAX_BYTES, type ImageMime } from '../../../../shared/schema/records/image'
import { sha256Hex } from './sha256Hex'

export interface PreparedImage {
  blob: Blob
  mime: ImageMime
  hash: string
  width: number
  height: number
}

export class ImagePrepareError extends Error {
  constructor(readonly reason: 'unreadable' | 'tooLarge') {
    super(reason)
    this.name = 'ImagePrepareError'
  }
}

/**
 * Decodes a picked or dropped file, downscales it when its long edge is over 2048 px or it weighs
 * more than 4 MB (phone photos: 12 MP, 3–8 MB, shown on a board at a few hundred pixels), and
 * hashes the bytes that will be uploaded (also on plain http, see `sha256Hex`). PNG stays PNG (diagrams, transparency) unless it is still
 * too heavy; everything else becomes JPEG at quality 0.85.
 */
export async function prepareImage(file: Blob): Promise<PreparedImage> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    throw new ImagePrepareError('unreadable')
  }
  const original = new Uint8Array(await file.arrayBuffer())
  const sniffed = sniffImageMime(original)
  const plan = planDownscale(bitmap.width, bitmap.height, file.size, sniffed)
  let blob: Blob = file
  let mime: ImageMime | null = sniffed
  if (plan.reencode) {
    const canvas = document.createElement('canvas')
    canvas.width = plan.width
    canvas.height = plan.height
    const context = canvas.getContext('2d')
    if (!context) throw new ImagePrepareError('unreadable')
    context.drawImage(bitmap, 0, 0, plan.width, plan.height)
    const encode = (type: ImageMime) => new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.85))
    let out = sniffed === 'image/png' ? await encode('image/png') : null
    mime = 'image/png'
    if (!out || out.size > 4 * 1024 * 1024) {
      out = await encode('image/jpeg')
      mime = 'image/jpeg'
    }
    if (!out) throw new ImagePrepareError('unreadable')
    blob = out
  }
  bitmap.close()
  if (!mime) throw new ImagePrepareError('unreadable')
  if (blob.size > IMAGE_MAX_BYTES) throw new ImagePrepareError('tooLarge')
  const bytes = blob === file ? original : new Uint8Array(await blob.arrayBuffer())
  const hash = await sha256Hex(bytes)
  return { blob: blob.type === mime ? blob : new Blob([bytes], { type: mime }), mime, hash, width: plan.width, height: plan.height }
}
