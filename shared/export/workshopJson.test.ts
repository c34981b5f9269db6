import { describe, expect, it } from 'vitest'
import { currentSchema } from '../schema/schema'
import { comparableExport, parseWorkshopExport, toWorkshopExport, type WorkshopExport } from './workshopJson'
import { testWorkshop } from './testWorkshop'

const exportedAt = new Date(Date.UTC(2026, 10, 22, 12))
const now = Date.UTC(2026, 10, 23)

function exported(): WorkshopExport {
  return JSON.parse(JSON.stringify(toWorkshopExport(testWorkshop(), 'abc', exportedAt))) as WorkshopExport
}

describe('toWorkshopExport', () => {
  it('writes meta with the schema versions and records sorted by id', () => {
    const json = exported()
    expect(json.format).toBe('samskap-workshop')
    expect(json.meta.schema).toEqual(currentSchema)
    expect(json.boards.map((b) => b.id)).toEqual(['canvas', 'cb', 'map', 'matrix'])
    expect(json.items.map((i) => i.id)).toEqual([...json.items.map((i) => i.id)].sort())
  })
})

describe('parseWorkshopExport', () => {
  it('restores every record unchanged, with the import time as createdAt (round trip)', () => {
    const first = exported()
    const parsed = parseWorkshopExport(first, now)
    if (!parsed.ok) throw new Error(parsed.error)
    expect(parsed.meta.createdAt).toBe(now)
    const again = toWorkshopExport(parsed, 'new-id', new Date(now))
    expect(comparableExport(JSON.parse(JSON.stringify(again)) as WorkshopExport)).toEqual(comparableExport(first))
  })

  it('migrates records written with an older schema', () => {
    const json = exported() as unknown as { meta: { schema: Record<string, number> }; boards: Record<string, unknown>[]; items: Record<string, unknown>[] }
    json.meta.schema = { ...json.meta.schema, board: 1, note: 1 }
    for (const board of json.boards) {
      delete board.template
      delete board.showHelp
      delete board.linkedBoardId
    }
    for (const item of json.items) {
      if (item.kind === 'note') {
        delete item.sdgs
        delete item.dimension
      }
    }
    const parsed = parseWorkshopExport(json, now)
    if (!parsed.ok) throw new Error(parsed.error)
    expect(parsed.boards.every((b) => b.template === 'canvas' && b.linkedBoardId === '')).toBe(true)
    expect(parsed.items.filter((i) => i.kind === 'note').every((n) => 'sdgs' in n && n.sdgs.length === 0)).toBe(true)
  })

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break the export in arbitrary ways
  type Loose = any
  const broken = (change: (json: Loose) => void) => {
    const json = exported() as Loose
    change(json)
    return json
  }

  it.each([
    ['not an object', () => [], 'not a Samskap workshop export'],
    ['wrong format', () => broken((j) => (j.format = 'miro')), 'format: expected "samskap-workshop"'],
    ['newer format', () => broken((j) => (j.formatVersion = 2)), 'formatVersion'],
    ['newer schema', () => broken((j) => (j.meta.schema.note = 99)), 'meta.schema.note: version 99 is newer than this server'],
    ['unknown kind in schema', () => broken((j) => (j.meta.schema.vote = 1)), 'meta.schema.vote: unknown record kind'],
    ['bad title', () => broken((j) => (j.meta.title = 'x'.repeat(500))), 'meta: workshopMeta.title: at most 120 characters'],
    ['no boards', () => broken((j) => (j.boards = [])), 'boards: a workshop needs at least one board'],
    ['bad board', () => broken((j) => (j.boards[1].template = 'kanban')), 'boards[1] (id cb): board.template'],
    [
      'bad note colour',
      () => broken((j) => (j.items.find((i: Loose) => i.id === 'n2').color = 'red')),
      'items[12] (id n2): note.color',
    ],
    ['unknown item kind', () => broken((j) => (j.items[0].kind = 'vote')), 'items[0] (id ar1): item.kind: unknown kind "vote"'],
    ['duplicate id', () => broken((j) => (j.items[1].id = 'map')), 'items[1] (id map): duplicate id'],
    ['item on a missing board', () => broken((j) => (j.items[0].boardId = 'gone')), 'items[0] (id ar1): connector.boardId: no board with id gone'],
    ['items not an array', () => broken((j) => (j.items = {})), 'items: must be an array'],
  ])('refuses %s with a message naming the record', (_name, input, message) => {
    const result = parseWorkshopExport(input(), now)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toContain(message)
  })
})
