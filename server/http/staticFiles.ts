import { createHash } from 'node:crypto'
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

/** A resident's page, `/w/<id>/phone` (client/src/lib/route.ts). */
const PHONE_ROUTE = /^\/w\/[^/]+\/phone\/?$/
/** The build's page for it (client/src/phone/phoneHtmlPlugin.ts). */
const PHONE_HTML = 'phone.html'

/**
 * Serves the built client from `root`. Vite's /assets/* names carry a content hash, so they are
 * cached forever; everything else is revalidated. A path without an extension that is not a file
 * is a client route (`/w/<id>`) and gets index.html. A file the build also wrote gzipped
 * (`<file>.gz`, vite.config.ts) is sent gzipped to browsers that accept it: a resident's phone on
 * a hall's wifi downloads a third of the bytes, and the server spends no time compressing.
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
    // The phone page has its own copy of index.html that names its chunks (client/src/phone/phoneHtmlPlugin.ts).
    const routePage = PHONE_ROUTE.test(decoded) ? await statOrNull(path.join(root, PHONE_HTML)) : null
    target = path.join(root, routePage?.isFile() ? PHONE_HTML : 'index.html')
    stat = routePage?.isFile() ? routePage : await statOrNull(target)
    if (!stat?.isFile()) return notFound(response, 404, 'Not found')
  }
  // phone.html (by its route or by name: the service worker precaches it by name and replays the answer's headers)
  // carries one inline script, its note box's (client/src/phone/phoneShell.ts): the policy allows exactly that script.
  if (target === path.join(root, PHONE_HTML)) await allowInlineScripts(response, target, stat)
  const gzipped = acceptsGzip(request) ? await statOrNull(`${target}.gz`) : null
  // A copy older than its file (the file was replaced after the build) is not that file any more.
  const body = gzipped?.isFile() && gzipped.mtimeMs >= stat.mtimeMs ? { file: `${target}.gz`, size: gzipped.size } : { file: target, size: stat.size }
  response.writeHead(200, {
    'content-type': contentTypes[path.extname(target).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.size,
    'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    ...(body.file !== target ? { 'content-encoding': 'gzip' } : {}),
    // Caches keep the gzipped and the plain answer apart.
    vary: 'accept-encoding',
  })
  if (request.method === 'HEAD') {
    response.end()
    return
  }
  await pipeline(fs.createReadStream(body.file), response)
}

const inlineScriptHashes = new Map<string, { mtimeMs: number; hashes: string[] }>()

/** Adds the hashes of a built page's inline scripts to the Content-Security-Policy already set (securityHeaders.ts). */
async function allowInlineScripts(response: ServerResponse, file: string, stat: fs.Stats): Promise<void> {
  let known = inlineScriptHashes.get(file)
  if (known?.mtimeMs !== stat.mtimeMs) {
    const html = await fs.promises.readFile(file, 'utf8')
    const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`)
    known = { mtimeMs: stat.mtimeMs, hashes }
    inlineScriptHashes.set(file, known)
  }
  const policy = response.getHeader('content-security-policy')
  if (typeof policy !== 'string' || known.hashes.length === 0) return
  response.setHeader('content-security-policy', policy.replace("script-src 'self'", `script-src 'self' ${known.hashes.join(' ')}`))
}

/** Whether `Accept-Encoding` allows gzip (`gzip` listed without `q=0`). */
function acceptsGzip(request: IncomingMessage): boolean {
  const header = request.headers['accept-encoding']
  const accepted = Array.isArray(header) ? header.join(',') : (header ?? '')
  return accepted.split(',').some((part) => {
    const [name, ...params] = part.split(';').map((p) => p.trim().toLowerCase())
    const q = params.find((p) => p.startsWith('q='))
    return name === 'gzip' && (q === undefined || Number(q.slice(2)) > 0)
  })
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
