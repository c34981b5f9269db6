import { useEffect } from 'react'
import { AccessibilityPage } from './a11y/AccessibilityPage'
import { HomePage } from './app/HomePage'
import { navigate, useRoute } from './app/navigation'
import { WorkshopPage } from './app/WorkshopPage'
import { CapturePage } from './capture/CapturePage'

export function App() {
  const route = useRoute()
  // Unknown addresses land on the home page, and the address bar says so.
  useEffect(() => {
    if (route.page === 'home' && location.pathname !== '/') navigate({ page: 'home' }, { replace: true })
  }, [route])
  if (route.page === 'home') return <HomePage />
  if (route.page === 'accessibility') return <AccessibilityPage />
  if (route.page === 'capture') return <CapturePage key={route.workshopId} workshopId={route.workshopId} />
  // A new key per workshop: switching workshops starts from a clean store and clean state.
  return <WorkshopPage key={route.workshopId} workshopId={route.workshopId} boardId={route.boardId} />
}
