import type { ReactNode } from 'react'
import { onLinkClick, useRoute } from '../lib/navigation'
import { routeToUrl } from '../lib/route'

/** A link to a board of this workshop (`?board=<id>`), a real link that navigates in place. */
export function BoardLink({ boardId, className, children }: { boardId: string; className?: string; children: ReactNode }) {
  const route = useRoute()
  if (route.page !== 'workshop') return <span className={className}>{children}</span>
  const target = { page: 'workshop', workshopId: route.workshopId, boardId } as const
  return (
    <a className={className} href={routeToUrl(target)} onClick={onLinkClick(target)}>
      {children}
    </a>
  )
}
