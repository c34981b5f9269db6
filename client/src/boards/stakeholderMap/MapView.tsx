import { memo, useCallback, useMemo, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Layer, Rect, Text } from 'react-konva'
import type { Point, Rect as BoardRect } from '../../../../shared/logic/geometry'
import type { ZoneRect } from '../../../../shared/logic/stakeholderMap'
import { zoneMetrics } from '../../../../shared/logic/stakeholderMap'
import { layoutNoteText } from '../../../../shared/logic/noteTextFit'
import { CursorsLayer } from '../../canvas/CursorsLayer'
import { canvasMeasure } from '../../canvas/measureText'
import { useCursorPresence } from '../../canvas/viewport/useCursorPresence'
import type { WorkshopStore } from '../../store/WorkshopStore'
import { ink, inkMuted } from './groupStyle'
import { PanZoomStage, type PanZoomView } from './PanZoomStage'
import { CARD_MIN_TEXT, StakeholderCardNode, type CardHandlers, type CardView } from './StakeholderCardNode'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

export interface ZoneView extends ZoneRect {
  label: string
  tint: string
  edge: string
  count: number
}

interface MapViewProps {
  store: WorkshopStore
  boardId: string
  zones: readonly ZoneView[]
  cards: readonly CardView[]
  contentBounds: BoardRect | null
  handlers: CardHandlers
  /** A double-click on the map adds a stakeholder there; absent when the person may not add. */
  onDoubleClickBoard?(point: Point): void
  viewRef: RefObject<PanZoomView | null>
}

/**
 * The zones as labelled regions and the cards on top; other people's cursors above everything,
 * this person's cursor out to them while the map is shown.
 */
export function MapView({ store, boardId, zones, cards, contentBounds, handlers, onDoubleClickBoard, viewRef }: MapViewProps) {
  const { t } = useTranslation('stakeholderMap')
  const cursor = useCursorPresence(store, boardId)
  const onPointerBoard = useCallback((point: Point | null) => (point ? cursor.move(point) : cursor.hide()), [cursor])
  return (
    <PanZoomStage
      testId="stakeholder-map-canvas"
      label={t('map.label')}
      contentBounds={contentBounds}
      onDoubleClickBoard={onDoubleClickBoard}
      onPointerBoard={onPointerBoard}
      viewRef={viewRef}
    >
      {(camera) => (
        <>
          <Layer>
            {zones.map((zone) => (
              <ZoneNode key={zone.groupId} zone={zone} count={t('map.cardCount', { count: zone.count })} emptyHint={zone.count === 0 && onDoubleClickBoard ? t('map.emptyZoneHint') : null} />
            ))}
          </Layer>
          <Layer>
            {cards.map((card) => (
              <StakeholderCardNode key={card.id} card={card} handlers={handlers} />
            ))}
          </Layer>
          <CursorsLayer store={store} boardId={boardId} scale={camera.scale} anonymousName={t('anonymous')} />
        </>
      )}
    </PanZoomStage>
  )
}

const ZONE_TOP = 8
const LABEL_LINE_HEIGHT = 1.2
const COUNT_GAP = 12

/**
 * A group's zone: its name in the header, whole (one line or two, 20 to 14 px; a long English or
 * custom name wraps instead of being cut), the number of cards at the header's right, and in an
 * empty zone what to do there.
 */
const ZoneNode = memo(function ZoneNode({ zone, count, emptyHint }: { zone: ZoneView; count: string; emptyHint: string | null }) {
  const inner = zone.w - zoneMetrics.padding * 2
  const countW = Math.ceil(canvasMeasure(FONT)(count) * CARD_MIN_TEXT)
  const labelW = inner - countW - COUNT_GAP
  const label = useMemo(() => {
    const measure = canvasMeasure(FONT, 'bold')
    const sizes = (min: number) => ({ padding: 0, lineHeight: LABEL_LINE_HEIGHT, maxFontSize: 20, minFontSize: min })
    // One line while it can be 16 px or more; a longer name takes two lines, down to 14 px.
    const single = layoutNoteText(zone.label, labelW, Math.ceil(20 * LABEL_LINE_HEIGHT), measure, sizes(16))
    if (single.lines.length === 1 && !single.truncated && !single.brokenWord) return single
    return layoutNoteText(zone.label, labelW, zoneMetrics.header - ZONE_TOP - 4, measure, sizes(CARD_MIN_TEXT))
  }, [zone.label, labelW])
  return (
    <>
      <Rect x={zone.x} y={zone.y} width={zone.w} height={zone.h} fill={zone.tint} stroke={zone.edge} strokeWidth={2} cornerRadius={14} perfectDrawEnabled={false} />
      <Text
        name="zone-label"
        x={zone.x + zoneMetrics.padding}
        y={zone.y + ZONE_TOP}
        width={labelW}
        text={label.lines.join('\n')}
        fontSize={label.fontSize}
        lineHeight={LABEL_LINE_HEIGHT}
        fontStyle="bold"
        fontFamily={FONT}
        fill={ink}
        wrap="none"
        listening={false}
      />
      <Text
        x={zone.x + zoneMetrics.padding + labelW + COUNT_GAP}
        y={zone.y + ZONE_TOP + Math.max(0, (label.fontSize - CARD_MIN_TEXT) * 0.6)}
        width={countW}
        align="right"
        text={count}
        fontSize={CARD_MIN_TEXT}
        fontFamily={FONT}
        fill={inkMuted}
        wrap="none"
        listening={false}
      />
      {/* "Drag cards here, or double-click" only to people who may. */}
      {emptyHint && (
        <Text x={zone.x} y={zone.y + zone.h / 2} width={zone.w} align="center" text={emptyHint} fontSize={CARD_MIN_TEXT} fontFamily={FONT} fill={inkMuted} listening={false} />
      )}
    </>
  )
})
