/** Modes of the pointer. The note and image buttons act at once instead of being modes. */
export type CanvasTool = 'select' | 'hand' | 'text' | 'rect' | 'ellipse' | 'arrow' | 'pen'

/** Tools that draw where the pointer goes down, even on top of other items. */
export const drawingTools: readonly CanvasTool[] = ['text', 'rect', 'ellipse', 'arrow', 'pen']

export function isDrawingTool(tool: CanvasTool): boolean {
  return drawingTools.includes(tool)
}

/** Keyboard shortcut per tool (also written in each button's title). */
export const toolKeys: Record<string, CanvasTool> = { v: 'select', h: 'hand', t: 'text', r: 'rect', o: 'ellipse', a: 'arrow', p: 'pen' }
