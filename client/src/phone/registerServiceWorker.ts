let registered = false

/**
 * Registers the service worker for the phone page, which phone.html leaves out of its HTML
 * (phoneHtmlPlugin.ts), once the page has synced: its install downloads the precache (up to
 * 300 KB) and runs Workbox, and during the first sync it competed with the sync for a slow phone's
 * CPU and network (bench/RESULTS.md, "Phone page"). A page that never syncs gets no worker this
 * time (nothing to keep offline yet); a page the worker already controls (a warm open) only has it
 * check for an update, as the registration script did.
 */
export function registerServiceWorker(): void {
  if (registered || !('serviceWorker' in navigator)) return
  registered = true
  // Refused (private mode, an old browser): no offline copy this time; the page works on without it.
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined)
}
