/**
 * The two marker shapes. They differ in shape (filled circle, outlined star) as well as colour and
 * label, so the matrix reads in greyscale and for people who cannot tell the colours apart.
 */
export function NowShape() {
  return (
    <svg className="matrix-shape" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="8" fill="currentColor" />
    </svg>
  )
}

export function WantedShape() {
  return (
    <svg className="matrix-shape" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M10 1.8l2.5 5.2 5.7.8-4.1 4 1 5.7L10 14.8l-5.1 2.7 1-5.7-4.1-4 5.7-.8z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      />
    </svg>
  )
}
