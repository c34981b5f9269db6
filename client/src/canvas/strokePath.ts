import { getStroke } from 'perfect-freehand'

/**
 * SVG path data of a smooth pen outline for flat [x, y, pressure, …] samples. Strokes whose
 * pressures are all the mouse value get simulated pressure (speed thins the line), real pen
 * pressure is used as recorded; the choice depends only on the data, so every client draws the same.
 */
export function strokeOutlinePath(points: readonly number[], size: number): string {
  const input: [number, number, number][] = []
  let constant = true
  for (let i = 0; i + 2 < points.length; i += 3) {
    input.push([points[i]!, points[i + 1]!, points[i + 2]!])
    if (points[i + 2] !== 0.5) constant = false
  }
  if (input.length === 0) return ''
  const outline = getStroke(input, { size, thinning: 0.5, smoothing: 0.5, streamline: 0.4, simulatePressure: constant, last: true })
  return outlineToPath(outline)
}

function outlineToPath(outline: number[][]): string {
  const n = outline.length
  if (n < 2) return ''
  const avg = (a: number, b: number) => ((a + b) / 2).toFixed(2)
  let d = `M${outline[0]![0]!.toFixed(2)},${outline[0]![1]!.toFixed(2)} Q`
  for (let i = 0; i < n; i++) {
    const [x0, y0] = outline[i]!
    const [x1, y1] = outline[(i + 1) % n]!
    d += `${x0!.toFixed(2)},${y0!.toFixed(2)} ${avg(x0!, x1!)},${avg(y0!, y1!)} `
  }
  return d + 'Z'
}
