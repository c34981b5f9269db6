export interface Grid {
  columns: number
  rows: number
  /** Height of a row in px: full rows of a full page, or cards no taller than wide for a few notes. */
  rowHeight: number
}

/**
 * How the wall is laid out: a full page is cards at least 17 % of the width (≥ 260 px) and 25 % of
 * the height (≥ 170 px), five across and three down on a 1920×1080 projector. Fewer notes than a
 * page get fewer, larger cards (their type grows with them, presentation.css), in balanced rows.
 */
export function gridFor(width: number, height: number, count: number): Grid {
  const gap = Math.max(12, width * 0.01)
  const maxColumns = Math.max(1, Math.floor((width + gap) / (Math.max(260, width * 0.17) + gap)))
  const maxRows = Math.max(1, Math.floor((height + gap) / (Math.max(170, height * 0.25) + gap)))
  const full = count >= maxColumns * maxRows
  const rows = full ? maxRows : Math.max(1, Math.ceil(count / maxColumns))
  const columns = full ? maxColumns : Math.max(1, Math.ceil(count / rows))
  const fill = (height - gap * (rows - 1)) / rows
  const cardWidth = (width - gap * (columns - 1)) / columns
  return { columns, rows, rowHeight: Math.floor(full ? fill : Math.min(fill, cardWidth * 0.62)) }
}
