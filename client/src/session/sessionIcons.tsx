import { iconProps } from '../ui/icons'
/** Icons of the session strip and timer as inline SVG (emoji render as boxes on machines without the font). */
const common = iconProps

export const sessionIcons = {
  clock: (
    <svg {...common}>
      <circle cx="12" cy="13" r="8" />
      <path d="M12 9v4l2.5 2.5M9 2h6" />
    </svg>
  ),
  pause: (
    <svg {...common}>
      <path d="M9 5v14M15 5v14" />
    </svg>
  ),
  bell: (
    <svg {...common}>
      <path d="M6 17V11a6 6 0 0 1 12 0v6l1.5 2h-15L6 17zM10 21h4" />
    </svg>
  ),
  bellOff: (
    <svg {...common}>
      <path d="M6 17V11a6 6 0 0 1 9.5-4.9M18 11v6l1.5 2h-15M10 21h4M3 3l18 18" />
    </svg>
  ),
  lock: (
    <svg {...common}>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </svg>
  ),
  eye: (
    <svg {...common}>
      <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
    </svg>
  ),
  eyeOff: (
    <svg {...common}>
      <path d="M3 3l18 18M10.6 5.1A10 10 0 0 1 12 5c6.5 0 10 7 10 7a17 17 0 0 1-3.2 4.1M6.3 6.3C3.6 8.1 2 12 2 12s3.5 7 10 7a9.8 9.8 0 0 0 5.3-1.5M9.9 9.9a3 3 0 0 0 4.2 4.2" />
    </svg>
  ),
  dots: (
    <svg {...common} strokeWidth={0} fill="currentColor">
      <circle cx="6" cy="12" r="3.2" />
      <circle cx="12" cy="7" r="3.2" />
      <circle cx="18" cy="12" r="3.2" />
      <circle cx="12" cy="17" r="3.2" />
    </svg>
  ),
  follow: (
    <svg {...common}>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2v3M12 19v3M2 12h3M19 12h3" />
      <circle cx="12" cy="12" r="7" />
    </svg>
  ),
  summon: (
    <svg {...common}>
      <path d="M4 12h13M12 6l6 6-6 6M21 4v16" />
    </svg>
  ),
  close: (
    <svg {...common}>
      <path d="M6 6l12 12M18 6L6 18" />
    </svg>
  ),
  pencil: (
    <svg {...common}>
      <path d="M4 20h4L19 9l-4-4L4 16v4z" />
    </svg>
  ),
}
