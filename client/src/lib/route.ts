import { WORKSHOP_ID_PATTERN } from '../../../shared/protocol'

/** Where the person is. The board lives in the query so links and reloads keep it. */
export type Route =
  | { page: 'home' }
  | { page: 'accessibility' }
  | { page: 'privacy' }
  // The administrator's overview of every workshop (server/admin; the API refuses anyone else).
  | { page: 'admin' }
  // Signed-in staff across their workshops: the action register and the knowledge bank (client/src/followup).
  | { page: 'actions' }
  | { page: 'search'; query: string }
  | { page: 'workshop'; workshopId: string; boardId: string | null }
  // Quick capture on a phone: the board is remembered on the device, not put in the address.
  | { page: 'capture'; workshopId: string }
  // Joining by code: `/join` asks for it; `/join/<code>` (the QR code on the projector) joins at once.
  // `code` is what the address held ('' for none), checked only when joining, so a mistyped one is shown.
  | { page: 'join'; code: string }
  // The resident's page: the question, a box for notes, own notes, the notes so far, voting. No canvas.
  | { page: 'phone'; workshopId: string }

/** A search in the address is cut to what the server takes (server/http/searchApi.ts). */
const SEARCH_IN_ADDRESS_MAX = 200

/** At most this much of a code from the address is kept (a code is 6 characters; people add spaces). */
const JOIN_CODE_IN_ADDRESS_MAX = 16

/** Reads a location; anything we do not know is the home page. */
export function parseRoute(pathname: string, search: string): Route {
  if (/^\/accessibility\/?$/.test(pathname)) return { page: 'accessibility' }
  if (/^\/privacy\/?$/.test(pathname)) return { page: 'privacy' }
  if (/^\/admin\/?$/.test(pathname)) return { page: 'admin' }
  if (/^\/actions\/?$/.test(pathname)) return { page: 'actions' }
  if (/^\/search\/?$/.test(pathname)) return { page: 'search', query: (new URLSearchParams(search).get('q') ?? '').slice(0, SEARCH_IN_ADDRESS_MAX) }
  const join = /^\/join(?:\/([^/]*))?\/?$/.exec(pathname)
  if (join) return { page: 'join', code: codeFromAddress(join[1] ?? '') }
  const phone = /^\/w\/([^/]+)\/phone\/?$/.exec(pathname)?.[1]
  if (phone && WORKSHOP_ID_PATTERN.test(phone)) return { page: 'phone', workshopId: phone }
  const capture = /^\/w\/([^/]+)\/capture\/?$/.exec(pathname)?.[1]
  if (capture && WORKSHOP_ID_PATTERN.test(capture)) return { page: 'capture', workshopId: capture }
  const match = /^\/w\/([^/]+)\/?$/.exec(pathname)
  const id = match?.[1]
  if (id && WORKSHOP_ID_PATTERN.test(id)) {
    const board = new URLSearchParams(search).get('board')
    return { page: 'workshop', workshopId: id, boardId: board && /^[A-Za-z0-9_-]{1,64}$/.test(board) ? board : null }
  }
  return { page: 'home' }
}

export function routeToUrl(route: Route): string {
  if (route.page === 'home') return '/'
  if (route.page === 'accessibility') return '/accessibility'
  if (route.page === 'privacy') return '/privacy'
  if (route.page === 'admin') return '/admin'
  if (route.page === 'actions') return '/actions'
  if (route.page === 'search') return route.query ? `/search?q=${encodeURIComponent(route.query)}` : '/search'
  if (route.page === 'capture') return `/w/${route.workshopId}/capture`
  if (route.page === 'phone') return `/w/${route.workshopId}/phone`
  if (route.page === 'join') return route.code ? `/join/${encodeURIComponent(route.code)}` : '/join'
  const base = `/w/${route.workshopId}`
  return route.boardId ? `${base}?board=${encodeURIComponent(route.boardId)}` : base
}

/** The code part of `/join/<code>`: decoded, only what a code can hold, and short. */
function codeFromAddress(segment: string): string {
  let text: string
  try {
    text = decodeURIComponent(segment)
  } catch {
    return ''
  }
  return text
    .replace(/[^A-Za-z0-9 -]/g, '')
    .trim()
    .slice(0, JOIN_CODE_IN_ADDRESS_MAX)
}

/**
 * Accepts what people paste: a full workshop link (any host), a path, or a bare id.
 * A quick-capture link (`/w/<id>/capture`) opens the capture page: whoever shared that link
 * meant "add photos and notes from your phone", so that is where the person lands; the same for
 * the phone page (`/w/<id>/phone`).
 * Returns null when nothing in it looks like a workshop.
 */
export function parseWorkshopLink(input: string): (Route & { page: 'workshop' | 'capture' | 'phone' }) | null {
  const text = input.trim()
  if (text === '') return null
  if (WORKSHOP_ID_PATTERN.test(text)) return { page: 'workshop', workshopId: text, boardId: null }
  let url: URL
  try {
    url = new URL(text, 'https://samskap.invalid')
  } catch {
    return null
  }
  const route = parseRoute(url.pathname, url.search)
  return route.page === 'workshop' || route.page === 'capture' || route.page === 'phone' ? route : null
}

/** The `token=` a pasted link carries, if any. */
export function tokenInLink(input: string): string | null {
  try {
    const token = new URL(input.trim(), 'https://samskap.invalid').searchParams.get('token')
    return token && token.length <= 200 ? token : null
  } catch {
    return null
  }
}
