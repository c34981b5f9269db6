/** Colours for ink (text, outlines, pen): each has contrast ≥ 4.5:1 on the board's background, except white. */
export const inkColors = { black: '#1f1f1d', blue: '#1a5fb4', red: '#c01c28', green: '#26734d', purple: '#813d9c', orange: '#b0480b' } as const
/** Light fills for shapes, so labels in dark ink stay readable. */
export const fillColors = { white: '#ffffff', yellow: '#fff3a8', green: '#d5edc0', blue: '#cfe6fa', red: '#fbd3d3', grey: '#e3e3e0' } as const
/** What new text, shapes, arrows and pen strokes are drawn in. */
export const DEFAULT_INK = inkColors.black
