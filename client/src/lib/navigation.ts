import { useSyncExternalStore } from 'react'
import { parseRoute, routeToUrl, type Route } from './route'

/** Routing on the history API: no router library for two pages. */
const listeners = new Set<() => void>()
let current: { key: string; route: Route } | null = null

function read(): Route {
  const key = location.pathname + location.search
  if (current?.key !== key) current = { key, route: parseRoute(location.pathname, location.search) }
  return current.route
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, read, read)
}

/** `replace` for corrections the person did not ask for (a missing board, an unknown path). */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const url = routeToUrl(route)
  if (url === location.pathname + location.search) return
  if (options.replace) history.replaceState(null, '', url)
  else history.pushState(null, '', url)
  for (const listener of listeners) listener()
}

/** Links stay real links (open in new tab works); a plain click navigates in place. */
export function onLinkClick(route: Route) {
  return (event: React.MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(route)
  }
}
