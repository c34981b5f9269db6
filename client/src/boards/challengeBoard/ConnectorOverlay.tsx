import { useEffect, useLayoutEffect, useState, type RefObject } from 'react'
import type { ConnectorRecord } from '../../../../shared/schema/records/connector'
import type { CardRelation } from '../../../../shared/logic/challengeBoard'

interface ConnectorOverlayProps {
  /** The element the overlay covers; card positions are measured relative to it. */
  containerRef: RefObject<HTMLElement | null>
  cardElements: ReadonlyMap<string, HTMLElement>
  connectors: readonly ConnectorRecord[]
  /** Cards of the chain in focus; its links are drawn stronger, the rest fainter. */
  chain: ReadonlySet<string> | null
  /** Cards the tag filter fades; a link with either end among them fades too. */
  filteredOut: ReadonlySet<string>
  /** The board's cards and the drag in progress: when either changes, paths are measured again. */
  cards: readonly { id: string }[]
  drag: object | null
}

interface PathView {
  id: string
  d: string
  relation: CardRelation
  from: string
  to: string
}

/**
 * Curves between linked cards, from the answering card's left edge to the answered card's right
 * edge, with the arrowhead at the answered card. Decoration for sighted people: the same links are
 * listed as text on every card, so the SVG is hidden from assistive technology. Paths are measured
 * after every render and whenever the container or a card changes size.
 */
export function ConnectorOverlay({ containerRef, cardElements, connectors, chain, filteredOut, cards, drag }: ConnectorOverlayProps) {
  const [paths, setPaths] = useState<readonly PathView[]>([])
  const [size, setSize] = useState({ w: 0, h: 0 })
  const [tick, setTick] = useState(0)

  useLayoutEffect(() => {
    const container = containerRef.current
    if (!container) return
    const box = container.getBoundingClientRect()
    const next: PathView[] = []
    for (const c of connectors) {
      if (c.relation === '' || !('itemId' in c.from) || !('itemId' in c.to)) continue
      const fromEl = cardElements.get(c.from.itemId)
      const toEl = cardElements.get(c.to.itemId)
      if (!fromEl || !toEl) continue
      const f = fromEl.getBoundingClientRect()
      const t = toEl.getBoundingClientRect()
      if (f.width === 0 || t.width === 0) continue
      // Only neighbouring columns side by side can be joined sensibly; stacked lanes list links instead.
      const leftToRight = f.left >= t.right - 1
      const rightToLeft = f.right <= t.left + 1
      if (!leftToRight && !rightToLeft) continue
      const x1 = (leftToRight ? f.left : f.right) - box.left
      const x2 = (leftToRight ? t.right + 6 : t.left - 6) - box.left
      const y1 = f.top + Math.min(f.height / 2, 28) - box.top
      const y2 = t.top + Math.min(t.height / 2, 28) - box.top
      const bend = (x2 - x1) / 2
      next.push({
        id: c.id,
        d: `M ${r(x1)} ${r(y1)} C ${r(x1 + bend)} ${r(y1)}, ${r(x2 - bend)} ${r(y2)}, ${r(x2)} ${r(y2)}`,
        relation: c.relation,
        from: c.from.itemId,
        to: c.to.itemId,
      })
    }
    const nextSize = { w: container.scrollWidth, h: container.scrollHeight }
    setPaths((prev) => (samePaths(prev, next) ? prev : next))
    setSize((prev) => (prev.w === nextSize.w && prev.h === nextSize.h ? prev : nextSize))
  }, [containerRef, cardElements, connectors, cards, drag, tick])

  // Re-measure when anything changes size (text edited remotely, window resized, fonts loaded).
  useEffect(() => {
    const container = containerRef.current
    if (!container || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => setTick((n) => n + 1))
    observer.observe(container)
    for (const el of cardElements.values()) observer.observe(el)
    const onScroll = () => setTick((n) => n + 1)
    window.addEventListener('scroll', onScroll, true)
    return () => {
      observer.disconnect()
      window.removeEventListener('scroll', onScroll, true)
    }
  }, [containerRef, cardElements, cards])

  return (
    <svg className="csa-connectors" width={size.w} height={size.h} aria-hidden="true" data-testid="challenge-connectors">
      <defs>
        <marker id="csa-arrow-answers" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#1f6f5c" />
        </marker>
        <marker id="csa-arrow-carriesOut" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#8a5300" />
        </marker>
      </defs>
      {paths.map((p) => {
        const state = chain === null ? '' : chain.has(p.from) && chain.has(p.to) ? ' csa-connector--chain' : ' csa-connector--faded'
        const filtered = filteredOut.has(p.from) || filteredOut.has(p.to) ? ' csa-connector--filtered-out' : ''
        return (
          <path
            key={p.id}
            className={`csa-connector csa-connector--${p.relation}${state}${filtered}`}
            d={p.d}
            markerEnd={`url(#csa-arrow-${p.relation})`}
            data-testid="challenge-connector"
            data-relation={p.relation}
            data-from={p.from}
            data-to={p.to}
          />
        )
      })}
    </svg>
  )
}

function r(n: number): number {
  return Math.round(n * 10) / 10
}

function samePaths(a: readonly PathView[], b: readonly PathView[]): boolean {
  return a.length === b.length && a.every((p, i) => p.id === b[i]!.id && p.d === b[i]!.d)
}
