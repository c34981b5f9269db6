import { memoizeMeasure, type MeasureText } from '../../../shared/logic/noteTextFit'

const measures = new Map<string, MeasureText>()
let context: CanvasRenderingContext2D | null | undefined

/**
 * The width of text at font size 1 in `fontFamily` (shared/logic/noteTextFit's `MeasureText`),
 * from a 2D canvas at 100 px: the font Konva draws with, measured the way Konva measures it. One
 * cached measure per font, shared by every note, so a board of notes measures each word once.
 */
export function canvasMeasure(fontFamily: string, fontStyle: 'normal' | 'italic' | 'bold' = 'normal'): MeasureText {
  const key = `${fontStyle} ${fontFamily}`
  let measure = measures.get(key)
  if (!measure) {
    const font = `${fontStyle === 'normal' ? '' : `${fontStyle} `}100px ${fontFamily}`
    measure = memoizeMeasure((text) => {
      context ??= document.createElement('canvas').getContext('2d')
      if (!context) return Array.from(text).length * 0.55
      context.font = font
      return context.measureText(text).width / 100
    })
    measures.set(key, measure)
  }
  return measure
}
