import { Fragment, useCallback, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Layer, Rect, Text } from 'react-konva'
import type { Point, Rect as BoardRect } from '../../../../shared/logic/geometry'
import type { ZoneRect } from '../../../../shared/logic/stakeholderMap'
import { zoneMetrics } from '../../../../shared/logic/stakeholderMap'
import { CursorsLayer } from '../../canvas/CursorsLayer'
import { useCursorPresence } from '../../canvas/viewport/useCursorPresence'
import type { WorkshopStore } from '../../store/WorkshopStore'
import { ink, inkMuted } from './groupStyle'
import { PanZoomStage, type PanZoomView } from './PanZoomStage'
import { StakeholderCardNode, type CardHandlers, type CardView } from './StakeholderCardNode'

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
              <Fragment key={zone.groupId}>
                <Rect x={zone.x} y={zone.y} width={zone.w} height={zone.h} fill={zone.tint} stroke={zone.edge} strokeWidth={2} cornerRadius={14} perfectDrawEnabled={false} />
                <Text
                  x={zone.x + zoneMetrics.padding}
                  y={zone.y + 12}
                  width={zone.w - zoneMetrics.padding * 2}
                  text={zone.label}
                  fontSize={19}
                  fontStyle="bold"
                  fontFamily={FONT}
                  fill={ink}
                  wrap="none"
                  ellipsis
                  listening={false}
                />
                <Text x={zone.x + zoneMetrics.padding} y={zone.y + 35} text={t('map.cardCount', { count: zone.count })} fontSize={13} fontFamily={FONT} fill={inkMuted} listening={false} />
                {/* "Drag cards here, or double-click" only to people who may. */}
                {zone.count === 0 && onDoubleClickBoard && (
                  <Text
                    x={zone.x}
                    y={zone.y + zone.h / 2}
                    width={zone.w}
                    align="center"
                    text={t('map.emptyZoneHint')}
                    fontSize={14}
                    fontFamily={FONT}
                    fill={inkMuted}
                    listening={false}
                  />
                )}
              </Fragment>
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
