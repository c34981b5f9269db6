import type { NoteRecord } from '../../shared/schema/records/note'
import { noteColors } from '../../shared/schema/records/note'
import type { ShapeRecord } from '../../shared/schema/records/shape'
import type { StrokeRecord } from '../../shared/schema/records/stroke'
import type { TextRecord } from '../../shared/schema/records/text'
import { seededRandom } from '../../shared/logic/seededRandom'

/** The records a benchmark board holds, typed by the schema so a schema change breaks the build, not the run. */
export type BenchItem = NoteRecord | ShapeRecord | TextRecord | StrokeRecord

export type BenchMix = 'mixed' | 'notes'

/** Share of each kind in a mixed board: mostly notes, as in a real workshop, with some drawing around them. */
const mixedShares: readonly (readonly [BenchItem['kind'], number])[] = [
  ['note', 0.7],
  ['shape', 0.12],
  ['text', 0.1],
  ['stroke', 0.08],
]

const CELL = 220
const BASE_TIME = Date.UTC(2026, 0, 15, 9, 0, 0)

const phrases = [
  'Flere benker langs elva',
  'Bedre belysning på gangveien til skolen',
  'Møteplass for ungdom etter skoletid',
  'Trygg skolevei',
  'Parkering ved idrettshallen er full hver lørdag',
  'Grønne tak på nye kommunale bygg',
  'Sykkelparkering under tak ved stasjonen',
  'Hvem eier problemet?',
  'Innbyggerpanel to ganger i året',
  'Lekeplass for alle, også rullestolbrukere',
  'Kortere ventetid på byggesak',
  'Felles verktøybod i borettslaget',
  'Kan biblioteket holde åpent om kvelden?',
  'Deleordning for elsykler',
  'Mindre plast i kantina',
]


/**
 * Lays out `count` items on a grid about twice as wide as tall (5,000 items: 100 × 50 cells of
 * 220 px, a 22,000 × 11,000 px board), each jittered inside its cell. Pure: data in, records out.
 */
export function planBenchBoard(boardId: string, count: number, mix: BenchMix, seed = 20260115): BenchItem[] {
  const random = seededRandom(seed)
  const cols = Math.max(1, Math.ceil(Math.sqrt(count * 2)))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const hex = () => pick(['#1a5fb4', '#26a269', '#c01c28', '#e66100', '#613583', '#3d3846'])
  const items: BenchItem[] = []
  for (let i = 0; i < count; i++) {
    const col = i % cols
    const row = Math.floor(i / cols)
    const x = col * CELL + Math.round(random() * 40)
    const y = row * CELL + Math.round(random() * 40)
    const id = `bench-${i.toString(36).padStart(5, '0')}`
    const createdAt = BASE_TIME + i * 1000
    const kind = mix === 'notes' ? 'note' : kindFor(random())
    switch (kind) {
      case 'note': {
        const words = 1 + Math.floor(random() * 3)
        const text = Array.from({ length: words }, () => pick(phrases)).join('. ')
        const size = random() < 0.8 ? 160 : 120 + Math.round(random() * 60)
        items.push({ id, kind, boardId, x, y, w: size, h: size, color: pick(noteColors), text, createdAt, sdgs: [], dimension: '' })
        break
      }
      case 'shape': {
        const filled = random() < 0.6
        items.push({
          id, kind, boardId, x, y,
          shape: random() < 0.5 ? 'rect' : 'ellipse',
          w: 80 + Math.round(random() * 90),
          h: 60 + Math.round(random() * 90),
          fill: filled ? hex() : '',
          stroke: hex(),
          text: random() < 0.4 ? pick(phrases).slice(0, 40) : '',
          createdAt, sdgs: [], dimension: '',
        })
        break
      }
      case 'text':
        items.push({ id, kind, boardId, x, y, w: 180, text: pick(phrases), fontSize: pick([16, 20, 28]), color: '#3d3846', createdAt, sdgs: [], dimension: '' })
        break
      case 'stroke':
        items.push({ id, kind, boardId, x, y, points: squiggle(random), color: hex(), size: pick([2, 4, 6]), createdAt })
        break
      default:
        assertNever(kind)
    }
  }
  return items
}

function kindFor(r: number): BenchItem['kind'] {
  let acc = 0
  for (const [kind, share] of mixedShares) {
    acc += share
    if (r < acc) return kind
  }
  return 'note'
}

/** A hand-drawn looking line of 24 points inside a 160 px cell, as flat x, y, pressure triples. */
function squiggle(random: () => number): number[] {
  const points: number[] = []
  let x = 0
  let y = 40 + random() * 60
  for (let i = 0; i < 24; i++) {
    points.push(Math.round(x * 10) / 10, Math.round(y * 10) / 10, 0.5)
    x += 4 + random() * 4
    y = Math.min(150, Math.max(0, y + (random() - 0.5) * 24))
  }
  return points
}

function assertNever(value: never): never {
  throw new Error(`unexpected kind ${String(value)}`)
}
