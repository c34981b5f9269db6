/** Small stroke icons for the canvas toolbars; decorative (buttons carry aria-label and title). */
import type { ReactNode } from 'react'

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  )
}

export const icons = {
  larger: (
    <Icon>
      <polyline points="15 3 21 3 21 9" />
      <polyline points="9 21 3 21 3 15" />
      <line x1="21" y1="3" x2="14" y2="10" />
      <line x1="3" y1="21" x2="10" y2="14" />
    </Icon>
  ),
  smaller: (
    <Icon>
      <polyline points="4 14 10 14 10 20" />
      <polyline points="20 10 14 10 14 4" />
      <line x1="14" y1="10" x2="21" y2="3" />
      <line x1="3" y1="21" x2="10" y2="14" />
    </Icon>
  ),
  connect: (
    <Icon>
      <circle cx="5" cy="12" r="2.5" />
      <line x1="7.5" y1="12" x2="20" y2="12" />
      <polyline points="15 7 20 12 15 17" />
    </Icon>
  ),
  move: (
    <Icon>
      <path d="M12 3v18M3 12h18M12 3l-3 3m3-3l3 3M12 21l-3-3m3 3l3-3M3 12l3-3m-3 3l3 3M21 12l-3-3m3 3l-3 3" />
    </Icon>
  ),
  select: (
    <Icon>
      <path d="M5 3l14 8-6 1.5L10 19z" />
    </Icon>
  ),
  hand: (
    <Icon>
      <path d="M8 12V5.5a1.5 1.5 0 0 1 3 0V11m0-6.5a1.5 1.5 0 0 1 3 0V11m0-5a1.5 1.5 0 0 1 3 0v7c0 4-2.5 7-6.5 7-3 0-4.5-1.5-6-4l-2-3.5a1.5 1.5 0 0 1 2.5-1.6L8 14" />
    </Icon>
  ),
  note: (
    <Icon>
      <path d="M4 4h16v11l-5 5H4z" />
      <path d="M15 20v-5h5" />
      <path d="M12 8v6M9 11h6" />
    </Icon>
  ),
  zoomIn: (
    <Icon>
      <path d="M12 5v14M5 12h14" />
    </Icon>
  ),
  zoomOut: (
    <Icon>
      <path d="M5 12h14" />
    </Icon>
  ),
  fit: (
    <Icon>
      <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
    </Icon>
  ),
  undo: (
    <Icon>
      <path d="M9 14L4 9l5-5" />
      <path d="M4 9h10a6 6 0 0 1 0 12h-3" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="M15 14l5-5-5-5" />
      <path d="M20 9H10a6 6 0 0 0 0 12h3" />
    </Icon>
  ),
  trash: (
    <Icon>
      <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />
    </Icon>
  ),
  hide: (
    <Icon>
      <path d="M3 3l18 18M10.6 6.1A9.8 9.8 0 0 1 12 6c5 0 9 6 9 6a17 17 0 0 1-2.6 3.2M6.1 6.9C4 8.4 3 12 3 12s4 6 9 6c1.4 0 2.7-.4 3.9-1M9.9 9.9a3 3 0 0 0 4.2 4.2" />
    </Icon>
  ),
  text: (
    <Icon>
      <path d="M5 6V4h14v2M12 4v16M9 20h6" />
    </Icon>
  ),
  rect: (
    <Icon>
      <rect x="4" y="6" width="16" height="12" rx="1.5" />
    </Icon>
  ),
  ellipse: (
    <Icon>
      <ellipse cx="12" cy="12" rx="8.5" ry="6.5" />
    </Icon>
  ),
  arrow: (
    <Icon>
      <path d="M5 19L19 5M10 5h9v9" />
    </Icon>
  ),
  pen: (
    <Icon>
      <path d="M4 20l1.5-5L16 4.5a2.1 2.1 0 0 1 3 3L8.5 18z" />
      <path d="M14 6.5l3 3" />
    </Icon>
  ),
  image: (
    <Icon>
      <rect x="3.5" y="5" width="17" height="14" rx="1.5" />
      <circle cx="9" cy="10" r="1.6" />
      <path d="M20.5 16l-5-5-8.5 8" />
    </Icon>
  ),
  camera: (
    <Icon>
      <path d="M4 8h3.5L9 5.5h6L16.5 8H20v11H4z" />
      <circle cx="12" cy="13" r="3.3" />
    </Icon>
  ),
  tag: (
    <Icon>
      <path d="M3.5 12.5V4h8.5l8.5 8.5-8 8z" />
      <circle cx="8" cy="8.5" r="1.4" />
    </Icon>
  ),
  filter: (
    <Icon>
      <path d="M4 5h16l-6 7.5V19l-4 1.5v-8z" />
    </Icon>
  ),
  alt: (
    <Icon>
      <path d="M4 18l4.5-12h1L14 18M5.7 14h6.6M16 9h4M16 13h4M16 17h4" />
    </Icon>
  ),
}
