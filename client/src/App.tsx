import { lazy, Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { navigate, useRoute } from './lib/navigation'
import type { Route } from './lib/route'
import { loadLocalePart } from './i18n/i18n'

/**
 * Every page is its own chunk, so a resident's phone on a hall's wifi downloads the phone page and
 * what it needs (under 150 KB gzipped, tests/e2e/phoneBudget.test.ts), never the canvas, the boards
 * or the exports; nor the strings of those (i18n/languages.ts, `localeParts`). main.tsx starts the
 * current page's download together with the language, before the first render.
 */
const pageLoaders = {
  home: () => withAllStrings(import('./app/HomePage')),
  accessibility: () => withAllStrings(import('./a11y/AccessibilityPage')),
  privacy: () => withAllStrings(import('./privacy/PrivacyPage')),
  admin: () => withAllStrings(import('./admin/AdminPage')),
  actions: () => withAllStrings(import('./followup/ActionRegisterPage')),
  search: () => withAllStrings(import('./followup/SearchPage')),
  workshop: () => withAllStrings(import('./app/WorkshopPage')),
  capture: () => withAllStrings(import('./capture/CapturePage')),
  join: () => import('./join/JoinPage'),
  phone: () => import('./phone/PhonePage'),
} satisfies Record<Route['page'], () => Promise<unknown>>

/**
 * A page beyond the phone's, once all the strings are there too. These pages also fetch the rest
 * of the app into the service worker's cache (offline/warmAppCache.ts): the phone precaches only
 * its own route, a facilitator's or a study trip's device keeps all of it.
 */
async function withAllStrings<T>(page: Promise<T>): Promise<T> {
  const [module] = await Promise.all([page, loadLocalePart('full')])
  void import('./offline/warmAppCache').then(({ warmAppCache }) => warmAppCache())
  return module
}

const HomePage = lazy(async () => ({ default: (await pageLoaders.home()).HomePage }))
const AccessibilityPage = lazy(async () => ({ default: (await pageLoaders.accessibility()).AccessibilityPage }))
const PrivacyPage = lazy(async () => ({ default: (await pageLoaders.privacy()).PrivacyPage }))
const AdminPage = lazy(async () => ({ default: (await pageLoaders.admin()).AdminPage }))
const ActionRegisterPage = lazy(async () => ({ default: (await pageLoaders.actions()).ActionRegisterPage }))
const SearchPage = lazy(async () => ({ default: (await pageLoaders.search()).SearchPage }))
const WorkshopPage = lazy(async () => ({ default: (await pageLoaders.workshop()).WorkshopPage }))
const CapturePage = lazy(async () => ({ default: (await pageLoaders.capture()).CapturePage }))
const JoinPage = lazy(async () => ({ default: (await pageLoaders.join()).JoinPage }))
const PhonePage = lazy(async () => ({ default: (await pageLoaders.phone()).PhonePage }))

/** Starts downloading a page's code (the browser keeps one module per chunk, so `lazy` gets the same). */
export function preloadPage(route: Route): void {
  void pageLoaders[route.page]().catch(() => {
    // Shown by the page's own Suspense/error path when it renders; nothing to do here.
  })
}

export function App() {
  const route = useRoute()
  // Unknown addresses land on the home page, and the address bar says so.
  useEffect(() => {
    if (route.page === 'home' && location.pathname !== '/') navigate({ page: 'home' }, { replace: true })
  }, [route])
  return (
    <Suspense fallback={<PageLoading />}>
      <Page route={route} />
    </Suspense>
  )
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />
    case 'accessibility':
      return <AccessibilityPage />
    case 'privacy':
      return <PrivacyPage />
    case 'admin':
      return <AdminPage />
    case 'actions':
      return <ActionRegisterPage />
    case 'search':
      return <SearchPage query={route.query} />
    case 'capture':
      return <CapturePage key={route.workshopId} workshopId={route.workshopId} />
    case 'join':
      return <JoinPage key={route.code} code={route.code} />
    case 'phone':
      return <PhonePage key={route.workshopId} workshopId={route.workshopId} />
    case 'workshop':
      // A new key per workshop: switching workshops starts from a clean store and clean state.
      return <WorkshopPage key={route.workshopId} workshopId={route.workshopId} boardId={route.boardId} />
  }
}

/** While a page's code arrives: calm, no layout jump, and said to screen readers. */
function PageLoading() {
  const { t } = useTranslation('app')
  return (
    <div className="placeholder" style={{ minHeight: '100dvh' }} role="status">
      <span className="spinner" aria-hidden="true" />
      <span className="visually-hidden">{t('workshop.loadingTitle')}</span>
    </div>
  )
}
