import fs from 'node:fs'

/**
 * A V8 heap snapshot (`.heapsnapshot`) read into flat arrays, and what its objects cost grouped by
 * what holds them. Used by `bench/heapByHolder.ts` to say what the server keeps per note.
 */
export interface HeapSnapshot {
  nodeCount: number
  /** Per node: type name (object, string, array, hidden, …), class or string name, self size. */
  type: string[]
  name: string[]
  selfSize: Float64Array
  /** Per node: the first strong retainer (node index) and the edge name it holds this one by, or -1. */
  retainer: Int32Array
  retainerEdge: string[]
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } }
  nodes: number[]
  edges: number[]
  strings: string[]
}

export function readHeapSnapshot(file: string): HeapSnapshot {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as RawSnapshot
  const meta = raw.snapshot.meta
  const nodeFieldCount = meta.node_fields.length
  const edgeFieldCount = meta.edge_fields.length
  const nf = (field: string) => meta.node_fields.indexOf(field)
  const ef = (field: string) => meta.edge_fields.indexOf(field)
  const [nType, nName, nSelf, nEdges] = [nf('type'), nf('name'), nf('self_size'), nf('edge_count')]
  const [eType, eName, eTo] = [ef('type'), ef('name_or_index'), ef('to_node')]
  const nodeTypes = meta.node_types[0]
  const edgeTypes = meta.edge_types[0]
  const nodeCount = raw.nodes.length / nodeFieldCount
  const type: string[] = new Array<string>(nodeCount)
  const name: string[] = new Array<string>(nodeCount)
  const selfSize = new Float64Array(nodeCount)
  const retainer = new Int32Array(nodeCount).fill(-1)
  const retainerEdge: string[] = new Array<string>(nodeCount).fill('')
  let edge = 0
  for (let node = 0; node < nodeCount; node++) {
    const base = node * nodeFieldCount
    type[node] = nodeTypes[raw.nodes[base + nType]!]!
    name[node] = raw.strings[raw.nodes[base + nName]!]!
    selfSize[node] = raw.nodes[base + nSelf]!
    const edgeCount = raw.nodes[base + nEdges]!
    for (let i = 0; i < edgeCount; i++, edge += edgeFieldCount) {
      const kind = edgeTypes[raw.edges[edge + eType]!]!
      if (kind === 'weak' || kind === 'shortcut') continue
      const target = raw.edges[edge + eTo]! / nodeFieldCount
      if (retainer[target] !== -1) continue
      retainer[target] = node
      const label = raw.edges[edge + eName]!
      retainerEdge[target] = kind === 'element' || kind === 'hidden' ? `[${label}]` : raw.strings[label]!
    }
  }
  return { nodeCount, type, name, selfSize, retainer, retainerEdge }
}

const stringTypes = new Set(['string', 'concatenated string', 'sliced string'])

/** The class of a node: its constructor for objects, otherwise its V8 type (plus name for internals). */
function classOf(snapshot: HeapSnapshot, node: number): string {
  const type = snapshot.type[node]!
  if (type === 'object') return snapshot.name[node]!
  if (stringTypes.has(type)) return '(string)'
  if (type === 'number' || type === 'heap number') return '(number)'
  if (type === 'closure') return '(closure)'
  if (type === 'code') return '(code)'
  return `(${type} ${snapshot.name[node]!.replace(/\d+/g, 'N').slice(0, 40)})`
}

const genericClass = /^\(|^Object$|^Array$|^Map$|^Set$/

/**
 * Who holds a node: the nearest retainer that is not a generic container (a string, array, plain
 * object, Map, V8 internal), written `Holder.edge`, e.g. `Item.parentSub` or `ContentAny.arr`.
 */
function holderOf(snapshot: HeapSnapshot, node: number): string {
  let current = node
  const path: string[] = []
  for (let depth = 0; depth < 6; depth++) {
    const parent = snapshot.retainer[current]!
    if (parent < 0) break
    path.unshift(snapshot.retainerEdge[current]!.replace(/^\[\d+\]$/, '[]').replace(/^\d+$/, '[]'))
    const parentClass = classOf(snapshot, parent)
    if (!genericClass.test(parentClass)) return `${parentClass}.${path.slice(0, 2).join('.')}`
    current = parent
  }
  return `(${classOf(snapshot, node)} held by generic containers)`
}

export interface HeapGroup {
  count: number
  bytes: number
}

/** Self size grouped by class, and by "class ← holder" for generic classes. */
export function groupHeap(snapshot: HeapSnapshot): Map<string, HeapGroup> {
  const groups = new Map<string, HeapGroup>()
  for (let node = 0; node < snapshot.nodeCount; node++) {
    const cls = classOf(snapshot, node)
    const key = genericClass.test(cls) ? `${cls} ← ${holderOf(snapshot, node)}` : cls
    const group = groups.get(key) ?? { count: 0, bytes: 0 }
    group.count++
    group.bytes += snapshot.selfSize[node]!
    groups.set(key, group)
  }
  return groups
}

/** `after − before` per group, largest growth first. */
export function diffGroups(before: Map<string, HeapGroup>, after: Map<string, HeapGroup>): [string, HeapGroup][] {
  const keys = new Set([...before.keys(), ...after.keys()])
  const rows: [string, HeapGroup][] = []
  for (const key of keys) {
    const a = before.get(key) ?? { count: 0, bytes: 0 }
    const b = after.get(key) ?? { count: 0, bytes: 0 }
    rows.push([key, { count: b.count - a.count, bytes: b.bytes - a.bytes }])
  }
  return rows.sort((x, y) => y[1].bytes - x[1].bytes)
}
