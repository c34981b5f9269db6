/** Shell icons as inline SVG: emoji and rare glyphs render as boxes on machines without the font. */
export const iconProps = {
  'aria-hidden': true,
  width: 18,
  height: 18,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const

export function PlusIcon() {
  return (
    <svg {...iconProps}>
      <path d="M12 5v14M5 12h14" />
    </svg>
  )
}

export function TrashIcon() {
  return (
    <svg {...iconProps}>
      <path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3" />
    </svg>
  )
}

export function PencilIcon() {
  return (
    <svg {...iconProps}>
      <path d="M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4" />
    </svg>
  )
}

export function ArrowIcon({ direction }: { direction: 'left' | 'right' }) {
  return (
    <svg {...iconProps}>
      <path d={direction === 'left' ? 'M19 12H5M11 6l-6 6 6 6' : 'M5 12h14M13 6l6 6-6 6'} />
    </svg>
  )
}

export function PeopleIcon() {
  return (
    <svg {...iconProps}>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c.6-3.6 3.2-5.5 6.5-5.5s5.9 1.9 6.5 5.5M16 4.8a3.5 3.5 0 0 1 0 6.4M18 14.8c1.9.7 3.1 2.4 3.5 5.2" />
    </svg>
  )
}

export function NotesIllustration() {
  return (
    <svg aria-hidden="true" width="96" height="72" viewBox="0 0 96 72">
      <rect x="8" y="10" width="36" height="36" rx="4" fill="#ffd75e" transform="rotate(-6 26 28)" />
      <rect x="40" y="20" width="36" height="36" rx="4" fill="#ff9d7a" transform="rotate(5 58 38)" />
      <rect x="60" y="4" width="28" height="28" rx="4" fill="#a8e0cf" transform="rotate(8 74 18)" />
    </svg>
  )
}
