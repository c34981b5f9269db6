import type Konva from 'konva'
import { memo } from 'react'
import { Group, Rect, Text } from 'react-konva'
import { sdgInfo } from '../../../../shared/logic/tags'
import { STAKEHOLDER_CARD_SIZE } from '../../../../shared/schema/records/stakeholder'
import { ink, inkMuted } from './groupStyle'
import { DRAGGABLE_NAME } from './PanZoomStage'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
const { w: W, h: H } = STAKEHOLDER_CARD_SIZE
const BAND = 24
const SDG = 18
const SDG_GAP = 2
/** Goals drawn in the band; more are summed up as "+n" (all of them are listed in the side panel). */
const SDG_SHOWN = 3
/** Matches the free canvas: what the tag filter leaves out stays visible, faded. */
const DIMMED_OPACITY = 0.3

export interface CardView {
  id: string
  x: number
  y: number
  name: string
  groupName: string
  tint: string
  edge: string
  contact: string
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
 * One stakeholder card: group colour band with the group's name (so colour is never the only
 * carrier), name, contact person, and influence/interest badges written out.
 */
export const StakeholderCardNode = memo(function StakeholderCardNode({ card, handlers }: { card: CardView; handlers: CardHandlers }) {
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
      <Rect x={1} y={1} width={W - 2} height={BAND} fill={card.tint} cornerRadius={[7, 7, 0, 0]} listening={false} />
      <Rect x={0} y={0} width={6} height={H} fill={card.edge} cornerRadius={[8, 0, 0, 8]} listening={false} />
      <Text x={12} y={6} width={W - 18 - sdgStripWidth(card.sdgs.length)} text={card.groupName} fontSize={12} fontFamily={FONT} fill={ink} wrap="none" ellipsis listening={false} />
      <Text x={12} y={BAND + 7} width={W - 18} text={card.name} fontSize={15} fontStyle="bold" fontFamily={FONT} fill={ink} wrap="none" ellipsis listening={false} />
      <Text x={12} y={BAND + 28} width={W - 18} text={card.contact} fontSize={12} fontFamily={FONT} fill={inkMuted} wrap="none" ellipsis listening={false} />
      <SdgStrip sdgs={card.sdgs} />
      <Badge x={12} text={card.influenceText} />
      <Badge x={12 + 78} text={card.interestText} />
    </Group>
  )
})

function Badge({ x, text }: { x: number; text: string }) {
  return (
    <Group x={x} y={H - 24} listening={false}>
      <Rect width={72} height={18} cornerRadius={9} fill="#f1f1ec" stroke="#8a8a83" strokeWidth={1} />
      <Text width={72} height={18} y={3} align="center" text={text} fontSize={12} fontFamily={FONT} fill={ink} />
    </Group>
  )
}

function sdgStripWidth(count: number): number {
  if (count === 0) return 0
  const slots = count > SDG_SHOWN ? SDG_SHOWN + 1 : count
  return slots * (SDG + SDG_GAP) + 2
}

/** The card's goals in the band's right end: the UN colour with the number on it, never colour alone. */
function SdgStrip({ sdgs }: { sdgs: readonly number[] }) {
  if (sdgs.length === 0) return null
  const shown = sdgs.length > SDG_SHOWN ? sdgs.slice(0, SDG_SHOWN) : sdgs
  const more = sdgs.length - shown.length
  const left = W - 4 - sdgStripWidth(sdgs.length) + SDG_GAP
  return (
    <Group x={left} y={(BAND - SDG) / 2 + 1} listening={false}>
      {shown.map((n, i) => {
        const sdg = sdgInfo(n)
        if (!sdg) return null
        return (
          <Group key={n} x={i * (SDG + SDG_GAP)}>
            <Rect width={SDG} height={SDG} fill={sdg.color} cornerRadius={2} perfectDrawEnabled={false} />
            <Text width={SDG} height={SDG} text={String(n)} fontSize={11} fontStyle="bold" fontFamily={FONT} fill={sdg.ink} align="center" verticalAlign="middle" />
          </Group>
        )
      })}
      {more > 0 && (
        <Group x={shown.length * (SDG + SDG_GAP)}>
          <Rect width={SDG + 2} height={SDG} fill="#ffffff" stroke="#8a8a83" strokeWidth={1} cornerRadius={2} perfectDrawEnabled={false} />
          <Text width={SDG + 2} height={SDG} text={`+${more}`} fontSize={10} fontStyle="bold" fontFamily={FONT} fill={ink} align="center" verticalAlign="middle" />
        </Group>
      )}
    </Group>
  )
}
