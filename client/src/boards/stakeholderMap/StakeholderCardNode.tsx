import type Konva from 'konva'
import { memo, useMemo } from 'react'
import { Group, Rect, Text } from 'react-konva'
import { layoutNoteText } from '../../../../shared/logic/noteTextFit'
import { sdgInfo } from '../../../../shared/logic/tags'
import { STAKEHOLDER_CARD_SIZE } from '../../../../shared/schema/records/stakeholder'
import { canvasMeasure } from '../../canvas/measureText'
import { ink, inkMuted } from './groupStyle'
import { DRAGGABLE_NAME } from './PanZoomStage'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
const { w: W, h: H } = STAKEHOLDER_CARD_SIZE
/** The group's colour down the left edge: the zone (or, in the grid, the second line) names the group. */
const EDGE = 6
const LEFT = EDGE + 10
const RIGHT = 10
const TOP = 9
/** Every text on a card is at least this large at 100 % (readable on a projector from the back). */
export const CARD_MIN_TEXT = 14
const NAME_MAX_TEXT = 17
const NAME_LINE_HEIGHT = 1.2
const DETAIL_TEXT = CARD_MIN_TEXT
const BADGE_H = 24
const BADGE_GAP = 6
const BOTTOM = 8
const DETAIL_Y = H - BOTTOM - BADGE_H - 4 - Math.ceil(DETAIL_TEXT * 1.2)
const SDG = 20
const SDG_GAP = 2
/** Goals drawn on the card; more are summed up as "+n" (all of them are listed in the side panel). */
const SDG_SHOWN = 3
/** Matches the free canvas: what the tag filter leaves out stays visible, faded. */
const DIMMED_OPACITY = 0.3
/** The Konva names of a card's texts, for the test hook's measurements. */
export const CARD_TEXT_NAMES = { name: 'card-name', detail: 'card-detail', badge: 'card-badge' } as const

export interface CardView {
  id: string
  x: number
  y: number
  name: string
  /**
   * Under the name: the contact person on the map (the zone already names the group), the group
   * on the grid (where nothing else says it; colour is never the only carrier).
   */
  detail: string
  edge: string
  influenceText: string
  interestText: string
  selected: boolean
  /** UN goals 1–17, ascending. */
  sdgs: readonly number[]
  /** The tag filter is on and this card does not match. */
  dimmed: boolean
}

export interface CardHandlers {
  /** False for observers and on a locked board: cards can be selected (to read them), not dragged. */
  editable: boolean
  select(id: string): void
  /** Konva moved the node; the view plans the patch and puts the node where the plan says. */
  dragEnd(id: string, node: Konva.Node): void
}

/**
 * One stakeholder card: the group's colour down its edge, the whole name (wrapped between words
 * over up to three lines, 17 to 14 px, shared/logic/noteTextFit), the contact person or the group,
 * and influence and interest written out. No text under 14 px at 100 %.
 */
export const StakeholderCardNode = memo(function StakeholderCardNode({ card, handlers }: { card: CardView; handlers: CardHandlers }) {
  const sdgWidth = sdgStripWidth(card.sdgs.length)
  const nameWidth = W - LEFT - RIGHT - (sdgWidth > 0 ? sdgWidth + 4 : 0)
  const name = useMemo(
    () =>
      layoutNoteText(card.name, nameWidth, DETAIL_Y - TOP - 2, canvasMeasure(FONT, 'bold'), {
        padding: 0,
        lineHeight: NAME_LINE_HEIGHT,
        maxFontSize: NAME_MAX_TEXT,
        minFontSize: CARD_MIN_TEXT,
      }),
    [card.name, nameWidth],
  )
  const influenceW = badgeWidth(card.influenceText)
  return (
    <Group
      id={card.id}
      name={DRAGGABLE_NAME}
      x={card.x}
      y={card.y}
      opacity={card.dimmed ? DIMMED_OPACITY : 1}
      draggable={handlers.editable}
      onDragStart={(e) => {
        e.target.moveToTop()
        handlers.select(card.id)
      }}
      onDragEnd={(e) => handlers.dragEnd(card.id, e.target)}
      onClick={() => handlers.select(card.id)}
      onTap={() => handlers.select(card.id)}
    >
      <Rect
        width={W}
        height={H}
        fill="#ffffff"
        stroke={card.selected ? '#1a5fb4' : card.edge}
        strokeWidth={card.selected ? 4 : 1.5}
        cornerRadius={8}
        shadowColor="#000000"
        shadowOpacity={card.selected ? 0.25 : 0.12}
        shadowBlur={card.selected ? 10 : 4}
        shadowOffsetY={2}
        perfectDrawEnabled={false}
      />
      <Rect x={0} y={0} width={EDGE} height={H} fill={card.edge} cornerRadius={[8, 0, 0, 8]} listening={false} />
      <Text
        name={CARD_TEXT_NAMES.name}
        x={LEFT}
        y={TOP}
        width={nameWidth}
        text={name.lines.join('\n')}
        fontSize={name.fontSize}
        lineHeight={NAME_LINE_HEIGHT}
        fontStyle="bold"
        fontFamily={FONT}
        fill={ink}
        wrap="none"
        listening={false}
      />
      <Text
        name={CARD_TEXT_NAMES.detail}
        x={LEFT}
        y={DETAIL_Y}
        width={W - LEFT - RIGHT}
        text={card.detail}
        fontSize={DETAIL_TEXT}
        fontFamily={FONT}
        fill={inkMuted}
        wrap="none"
        ellipsis
        listening={false}
      />
      <SdgStrip sdgs={card.sdgs} />
      <Badge x={LEFT} w={influenceW} text={card.influenceText} />
      <Badge x={LEFT + influenceW + BADGE_GAP} w={badgeWidth(card.interestText)} text={card.interestText} />
    </Group>
  )
})

/** Wide enough for its text at 14 px (the translations differ: "Påv. 5", "Infl. 5", "Indfl. 5"). */
function badgeWidth(text: string): number {
  return Math.min((W - LEFT - RIGHT - BADGE_GAP) / 2, Math.ceil(canvasMeasure(FONT)(text) * CARD_MIN_TEXT) + 20)
}

function Badge({ x, w, text }: { x: number; w: number; text: string }) {
  return (
    <Group x={x} y={H - BOTTOM - BADGE_H} listening={false}>
      <Rect width={w} height={BADGE_H} cornerRadius={BADGE_H / 2} fill="#f1f1ec" stroke="#8a8a83" strokeWidth={1} />
      <Text name={CARD_TEXT_NAMES.badge} width={w} height={BADGE_H} align="center" verticalAlign="middle" text={text} fontSize={CARD_MIN_TEXT} fontFamily={FONT} fill={ink} wrap="none" />
    </Group>
  )
}

function sdgStripWidth(count: number): number {
  if (count === 0) return 0
  const slots = count > SDG_SHOWN ? SDG_SHOWN + 1 : count
  return slots * (SDG + SDG_GAP) - SDG_GAP
}

/** The card's goals in its top right corner: the UN colour with the number on it, never colour alone. */
function SdgStrip({ sdgs }: { sdgs: readonly number[] }) {
  if (sdgs.length === 0) return null
  const shown = sdgs.length > SDG_SHOWN ? sdgs.slice(0, SDG_SHOWN) : sdgs
  const more = sdgs.length - shown.length
  return (
    <Group x={W - RIGHT + 4 - sdgStripWidth(sdgs.length)} y={TOP - 2} listening={false}>
      {shown.map((n, i) => {
        const sdg = sdgInfo(n)
        if (!sdg) return null
        return (
          <Group key={n} x={i * (SDG + SDG_GAP)}>
            <Rect width={SDG} height={SDG} fill={sdg.color} cornerRadius={2} perfectDrawEnabled={false} />
            <Text width={SDG} height={SDG} text={String(n)} fontSize={12} fontStyle="bold" fontFamily={FONT} fill={sdg.ink} align="center" verticalAlign="middle" />
          </Group>
        )
      })}
      {more > 0 && (
        <Group x={shown.length * (SDG + SDG_GAP)}>
          <Rect width={SDG} height={SDG} fill="#ffffff" stroke="#8a8a83" strokeWidth={1} cornerRadius={2} perfectDrawEnabled={false} />
          <Text width={SDG} height={SDG} text={`+${more}`} fontSize={11} fontStyle="bold" fontFamily={FONT} fill={ink} align="center" verticalAlign="middle" />
        </Group>
      )}
    </Group>
  )
}
