import type { IncomingMessage, ServerResponse } from 'node:http'

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  response.end(text)
}

export class RequestBodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'RequestBodyError'
  }
}

/** Reads the whole body, refusing more than `limit` bytes before buffering them. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > limit) throw new RequestBodyError(413, `Request body is limited to ${limit} bytes`)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength
    if (size > limit) throw new RequestBodyError(413, `Request body is limited to ${limit} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/**
 * Reads a JSON body of at most `limit` bytes (an empty body reads as `empty` when given). When it
 * cannot, it has answered already (413 over the limit, 400 not JSON) and resolves `{ ok: false }`.
 */
export async function readJsonBody(
  request: IncomingMessage,
  response: ServerResponse,
  limit: number,
  empty?: unknown,
): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    const body = await readBody(request, limit)
    return { ok: true, value: body.length === 0 && empty !== undefined ? empty : JSON.parse(body.toString('utf8')) }
  } catch (error) {
    if (error instanceof RequestBodyError) sendJson(response, error.status, { error: error.message })
    else sendJson(response, 400, { error: 'Request body must be JSON' })
    return { ok: false }
  }
}

/** 429 for a quota per address (server/limits): the client says how long to wait, in its language. */
export function sendTooMany(response: ServerResponse, retryAfterSeconds: number, error: string): void {
  response.setHeader('retry-after', String(retryAfterSeconds))
  sendJson(response, 429, { error, retryAfterSeconds })
}
