import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { fileTypeFromBuffer } from 'file-type'
import { IMAGE_MAX_BYTES, imageMimes, type ImageMime } from '../../shared/schema/records/image'
import type { HttpDeps } from './HttpDeps'
import { readBody, RequestBodyError, sendJson } from './httpResponses'
import { grantOf, refusalAnswer } from './requestContext'

const HASH_PATTERN = /^[0-9a-f]{64}$/
const UNSUPPORTED = 'Only JPEG, PNG, WebP or GIF images are accepted'

function isImageMime(mime: string): mime is ImageMime {
  return (imageMimes as readonly string[]).includes(mime)
}

/*
 * `POST /api/images?workshop=<id>` stores a photo content-addressed by SHA-256, for someone who may
 * write in that workshop (its facilitator or participant token, as `Authorization: Bearer` or
 * `?token=`); `GET /api/images/<hash>` serves it to anyone with the hash, which only the workshop's
 * document carries. The type is read from the bytes, never trusted from the header, and a photo is
 * stored under its hash alone (deps.photos: files, or PostgreSQL with several instances; see
 * server/photos), so nothing a client sends can choose a path.
 */

export async function uploadImage(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const refusal = await uploadRefusal(request, deps)
  if (refusal) {
    // The photo is not read: ask the client not to reuse this connection for the rest of it.
    response.setHeader('connection', 'close')
    const { status, ...body } = refusal
    return sendJson(response, status, body)
  }
  const declared = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (!declared.startsWith('image/')) return sendJson(response, 400, { error: `${UNSUPPORTED}; send the bytes with Content-Type image/…` })
  if (!isImageMime(declared)) return sendJson(response, 400, { error: UNSUPPORTED })
  let bytes: Buffer
  try {
    bytes = await readBody(request, IMAGE_MAX_BYTES)
  } catch (error) {
    if (error instanceof RequestBodyError) {
      // The rest of the body is not read: ask the client not to reuse this connection.
      response.setHeader('connection', 'close')
      return sendJson(response, error.status, { error: `An image may be at most ${IMAGE_MAX_BYTES / 1024 / 1024} MB` })
    }
    throw error
  }
  if (bytes.length === 0) return sendJson(response, 400, { error: 'The image is empty' })
  const detected = await fileTypeFromBuffer(bytes)
  if (!detected || !isImageMime(detected.mime)) return sendJson(response, 400, { error: UNSUPPORTED })
  if (detected.mime !== declared) {
    return sendJson(response, 415, { error: `The bytes are ${detected.mime} but Content-Type says ${declared}` })
  }
  const hash = createHash('sha256').update(bytes).digest('hex')
  const added = await deps.photos.put(hash, bytes, detected.mime)
  if (added) deps.log.info({ hash, mime: detected.mime, bytes: bytes.length }, 'image stored')
  sendJson(response, added ? 201 : 200, { hash, mime: detected.mime, bytes: bytes.length })
}

/** Why this upload may not be stored, or null when its token lets it write in the workshop it names. */
async function uploadRefusal(request: IncomingMessage, deps: HttpDeps): Promise<{ status: number; error: string; reason?: string } | null> {
  const workshopId = new URL(request.url ?? '/', 'http://localhost').searchParams.get('workshop')
  if (!workshopId) return { status: 400, error: 'Say which workshop the photo is for: POST /api/images?workshop=<id>' }
  const found = await deps.access.findWorkshop(workshopId)
  if (!found) return { status: 404, error: 'Workshop not found' }
  const { grant, refusal } = await grantOf(deps, found.access, request)
  if (!grant) return refusalAnswer(refusal, 'Adding a photo needs the link from the facilitator or the join code')
  if (grant.role === 'observer') return { status: 403, error: 'Observers cannot add photos' }
  return null
}

export async function serveImage(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [hash]: readonly string[]): Promise<void> {
  if (hash === undefined || !HASH_PATTERN.test(hash)) return sendJson(response, 400, { error: 'An image is addressed by its lower-case SHA-256 hex digest' })
  const bytes = await deps.photos.get(hash)
  if (!bytes) return sendJson(response, 404, { error: 'Image not found' })
  const etag = `"${hash}"`
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, { etag, 'cache-control': 'public, max-age=31536000, immutable' })
    response.end()
    return
  }
  const detected = await fileTypeFromBuffer(bytes)
  response.writeHead(200, {
    'content-type': detected && isImageMime(detected.mime) ? detected.mime : 'application/octet-stream',
    'content-length': bytes.length,
    'cache-control': 'public, max-age=31536000, immutable',
    etag,
    'x-content-type-options': 'nosniff',
  })
  response.end(request.method === 'HEAD' ? undefined : bytes)
}
