import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HttpDeps, RouteHandler } from './HttpDeps'
import { sendJson } from './httpResponses'

/** One path and what each method does there. */
export interface Route {
  /** An exact path, or a pattern whose groups become the handler's `params`. */
  path: string | RegExp
  /** Handlers by method; a GET handler answers HEAD too. ANY answers every method. */
  GET?: RouteHandler
  POST?: RouteHandler
  ANY?: RouteHandler
  /** The 405 answer for any other method. */
  wrongMethod?: string
}

/**
 * Finds the first route whose path matches and calls the handler for the request's method; a
 * method the route does not take is answered 405 with its `wrongMethod`. `fallback` gets what no
 * route matches (the built client).
 */
export function createRouter(routes: readonly Route[], deps: HttpDeps, fallback: RouteHandler) {
  return async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost')
    for (const route of routes) {
      const params = match(route.path, pathname)
      if (params === null) continue
      const method = request.method === 'HEAD' ? 'GET' : request.method
      const handler = route.ANY ?? (method === 'GET' ? route.GET : method === 'POST' ? route.POST : undefined)
      if (!handler) return sendJson(response, 405, { error: route.wrongMethod ?? 'Method not allowed' })
      return handler(request, response, deps, params)
    }
    return fallback(request, response, deps, [pathname])
  }
}

function match(path: string | RegExp, pathname: string): string[] | null {
  if (typeof path === 'string') return path === pathname ? [] : null
  const found = path.exec(pathname)
  return found ? found.slice(1).map((group) => group ?? '') : null
}
