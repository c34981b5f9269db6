import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

/**
 * Serves the built client from `root`. Vite's /assets/* names carry a content hash, so they are
 * cached forever; everything else is revalidated. A path without an extension that is not a file
 * is a client route (`/w/<id>`) and gets index.html.
 */
export async function serveStatic(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  root: string,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
    response.end('Method not allowed')
    return
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return notFound(response, 400, 'Bad request')
  }
  if (decoded.includes('\0')) return notFound(response, 400, 'Bad request')
  const filePath = path.resolve(root, '.' + path.posix.normalize(decoded))
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return notFound(response, 404, 'Not found')

  let target = filePath
  let stat = await statOrNull(target)
  if (stat?.isDirectory()) {
    target = path.join(target, 'index.html')
    stat = await statOrNull(target)
  }
  const isAsset = decoded.startsWith('/assets/')
  if (!stat?.isFile()) {
    if (isAsset || path.posix.extname(decoded) !== '') return notFound(response, 404, 'Not found')
    target = path.join(root, 'index.html')
    stat = await statOrNull(target)
    if (!stat?.isFile()) return notFound(response, 404, 'Not found')
  }
  response.writeHead(200, {
    'content-type': contentTypes[path.extname(target).toLowerCase()] ?? 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  })
  if (request.method === 'HEAD') {
    response.end()
    return
  }
  await pipeline(fs.createReadStream(target), response)
}

async function statOrNull(file: string): Promise<fs.Stats | null> {
  try {
    return await fs.promises.stat(file)
  } catch {
    return null
  }
}

function notFound(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  response.end(message)
}
