import type Konva from 'konva'
import { memo } from 'react'
import { Group, Label, Layer, Path, Tag, Text } from 'react-konva'
import { usePeers } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { skipBlankDraws } from './viewport/stagePainting'

/** Nobody's pointer on this board: the layer is neither drawn nor shown. */
const skipBlankCursors = (layer: Konva.Layer | null) => skipBlankDraws(layer, (l) => l.getChildren().length > 0)

interface CursorsLayerProps {
  store: WorkshopStore
  boardId: string
  /** Camera scale: cursors keep their screen size at any zoom. */
  scale: number
  anonymousName: string
}

/**
 * Other people's pointers on this board. Its own layer, not listening, so cursor movement redraws
 * only this layer and never the notes.
 */
export const CursorsLayer = memo(function CursorsLayer({ store, boardId, scale, anonymousName }: CursorsLayerProps) {
  const peers = usePeers(store)
  const inverse = 1 / scale
  return (
    <Layer ref={skipBlankCursors} listening={false}>
      {peers.map((peer) =>
        peer.cursor && peer.cursor.boardId === boardId ? (
          <Group key={peer.clientId} x={peer.cursor.x} y={peer.cursor.y} scaleX={inverse} scaleY={inverse}>
            <Path data="M0 0 L0 17 L4.5 13 L7.5 20 L10.5 18.8 L7.6 12 L13 12 Z" fill={peer.color} stroke="#ffffff" strokeWidth={1.5} perfectDrawEnabled={false} />
            <Label x={12} y={18}>
              <Tag fill={peer.color} cornerRadius={4} />
              <Text text={peer.name || anonymousName} fill="#ffffff" fontSize={13} fontFamily="system-ui, sans-serif" padding={4} />
            </Label>
          </Group>
        ) : null,
      )}
    </Layer>
  )
})
