import type { ImageMime } from '../schema/records/image'

/**
 * The image type from a file's first bytes (PNG, JPEG, GIF, WebP), or null. The browser's
 * `File.type` comes from the file name; the server checks the bytes, so the client must send
 * the type the bytes really have.
 */
export function sniffImageMime(bytes: Uint8Array): ImageMime | null {
  const at = (i: number) => bytes[i]
  const ascii = (from: number, text: string) => [...text].every((c, i) => at(from + i) === c.charCodeAt(0))
  if (bytes.length >= 8 && at(0) === 0x89 && ascii(1, 'PNG') && at(4) === 0x0d && at(5) === 0x0a && at(6) === 0x1a && at(7) === 0x0a) return 'image/png'
  if (bytes.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg'
  if (bytes.length >= 6 && (ascii(0, 'GIF87a') || ascii(0, 'GIF89a'))) return 'image/gif'
  if (bytes.length >= 12 && ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp'
  return null
}

/** Photos are downscaled in the browser before upload when either limit is passed. */
export const IMAGE_MAX_EDGE = 2048
export const IMAGE_REENCODE_BYTES = 4 * 1024 * 1024

/** Whether a picked photo is re-encoded before upload, and to what pixel size. */
export function planDownscale(width: number, height: number, bytes: number, mime: ImageMime | null): { reencode: boolean; width: number; height: number } {
  const edge = Math.max(width, height)
  const scale = edge > IMAGE_MAX_EDGE ? IMAGE_MAX_EDGE / edge : 1
  const reencode = scale < 1 || bytes > IMAGE_REENCODE_BYTES || mime === null
  return { reencode, width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}
