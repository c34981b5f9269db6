import type { RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Group, Layer, Line, Rect, Text } from 'react-konva'
import type { Rect as BoardRect } from '../../../../shared/logic/geometry'
import { gridMetrics, type GridLayout, type GridQuadrant } from '../../../../shared/logic/stakeholderMap'
import { ink, inkMuted } from './groupStyle'
import { PanZoomStage, type PanZoomView, type Placement } from './PanZoomStage'
import { StakeholderCardNode, type CardHandlers, type CardView } from './StakeholderCardNode'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

/** Tints only: each quadrant's name is written beside it. */
const quadrantTint: Record<GridQuadrant, string> = {
  keepSatisfied: '#fdf3da',
  manageClosely: '#fbe3df',
  monitor: '#eef0f2',
  keepInformed: '#e1eefa',
}

interface GridViewProps {
  layout: GridLayout
  cards: readonly CardView[]
  handlers: CardHandlers
  viewRef: RefObject<PanZoomView | null>
  /** The card "Move" is placing, and where a click put it (see PanZoomStage). */
  placement: Placement
}

/** Margin around the grid for axis numbers, axis titles and quadrant names. */
export function gridContentBounds(layout: GridLayout): BoardRect {
  return { x: -100, y: -100, w: layout.bounds.w + 116, h: layout.bounds.h + 100 + 150 }
}

/**
 * The influence/interest grid: interest grows to the right, influence upwards. Quadrant names
 * sit above (high influence) and below (low influence) the grid, so cards never cover them.
 */
export function GridView({ layout, cards, handlers, viewRef, placement }: GridViewProps) {
  const { t } = useTranslation('stakeholderMap')
  const { cellW, cellH, bounds } = layout
  const axis = Array.from({ length: gridMetrics.axis }, (_, i) => i + 1)
  return (
    <PanZoomStage testId="stakeholder-grid-canvas" label={t('grid.label')} contentBounds={gridContentBounds(layout)} viewRef={viewRef} {...placement}>
      {() => (
        <>
          <Layer listening={false}>
            {layout.quadrants.map(({ quadrant, rect }) => {
              const top = rect.y === 0
              return (
                <Group key={quadrant}>
                  <Rect x={rect.x} y={rect.y} width={rect.w} height={rect.h} fill={quadrantTint[quadrant]} />
                  <Text
                    x={rect.x}
                    y={top ? -88 : bounds.h + 40}
                    width={rect.w}
                    align="center"
                    text={t(`grid.quadrants.${quadrant}`)}
                    fontSize={30}
                    fontStyle="bold"
                    fontFamily={FONT}
                    fill={ink}
                  />
                  <Text
                    x={rect.x}
                    y={top ? -50 : bounds.h + 76}
                    width={rect.w}
                    align="center"
                    text={t(`grid.quadrantHints.${quadrant}`)}
                    fontSize={18}
                    fontFamily={FONT}
                    fill={inkMuted}
                  />
                </Group>
              )
            })}
            {axis.slice(1).map((i) => (
              <Line key={`v${i}`} points={[(i - 1) * cellW, 0, (i - 1) * cellW, bounds.h]} stroke="#c9c9c2" strokeWidth={1} dash={[6, 6]} />
            ))}
            {axis.slice(1).map((i) => (
              <Line key={`h${i}`} points={[0, (i - 1) * cellH, bounds.w, (i - 1) * cellH]} stroke="#c9c9c2" strokeWidth={1} dash={[6, 6]} />
            ))}
            {/* The quadrant lines: between 2 and 3 on both axes. */}
            <Line points={[2 * cellW, 0, 2 * cellW, bounds.h]} stroke="#5b5b55" strokeWidth={3} />
            <Line points={[0, 3 * cellH, bounds.w, 3 * cellH]} stroke="#5b5b55" strokeWidth={3} />
            <Rect x={0} y={0} width={bounds.w} height={bounds.h} stroke="#5b5b55" strokeWidth={2} />
            {axis.map((n) => (
              <Text key={`in${n}`} x={-44} y={(gridMetrics.axis - n) * cellH + cellH / 2 - 11} width={32} align="right" text={String(n)} fontSize={22} fontFamily={FONT} fill={ink} />
            ))}
            {axis.map((n) => (
              <Text key={`it${n}`} x={(n - 1) * cellW} y={bounds.h + 8} width={cellW} align="center" text={String(n)} fontSize={22} fontFamily={FONT} fill={ink} />
            ))}
            <Text
              x={-92}
              y={bounds.h}
              width={bounds.h}
              align="center"
              rotation={-90}
              text={`${t('grid.influence')} (${t('grid.axisLow')} → ${t('grid.axisHigh')})`}
              fontSize={22}
              fontStyle="bold"
              fontFamily={FONT}
              fill={ink}
            />
            <Text
              x={0}
              y={bounds.h + 110}
              width={bounds.w}
              align="center"
              text={`${t('grid.interest')} (${t('grid.axisLow')} → ${t('grid.axisHigh')}) · ${t('grid.rule')}`}
              fontSize={22}
              fontStyle="bold"
              fontFamily={FONT}
              fill={ink}
            />
          </Layer>
          <Layer>
            {cards.map((card) => (
              <StakeholderCardNode key={card.id} card={card} handlers={handlers} />
            ))}
          </Layer>
        </>
      )}
    </PanZoomStage>
  )
}
