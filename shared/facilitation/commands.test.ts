import { describe, expect, it } from 'vitest'
import { commandRoles, commandSchema, parseCommand } from './commands'

describe('parseCommand', () => {
  it('accepts a valid command and keeps its id', () => {
    expect(parseCommand(JSON.stringify({ id: 'r1', type: 'timer.start', durationMs: 60_000 }))).toEqual({
      ok: true,
      command: { id: 'r1', type: 'timer.start', durationMs: 60_000 },
    })
  })

  it('drops fields a command does not have', () => {
    const parsed = parseCommand(JSON.stringify({ id: 'r1', type: 'timer.pause', role: 'facilitator' }))
    expect(parsed).toEqual({ ok: true, command: { id: 'r1', type: 'timer.pause' } })
  })

  it.each([
    ['not json', '{', null, 'Command must be JSON'],
    ['an array', '[]', null, 'Command must be a JSON object'],
    ['no id', JSON.stringify({ type: 'timer.pause' }), null, 'id: must be a string of 1 to 64 characters'],
    ['unknown type', JSON.stringify({ id: 'a', type: 'timer.explode' }), 'a', 'type: Invalid type: Expected'],
    ['a timer of one millisecond', JSON.stringify({ id: 'a', type: 'timer.start', durationMs: 1 }), 'a', 'durationMs: Invalid value'],
    ['an empty note', JSON.stringify({ id: 'a', type: 'note.submit', noteId: 'x', text: '  ' }), 'a', 'text: must not be empty'],
    ['too many votes per person', JSON.stringify({ id: 'a', type: 'vote.open', boardId: 'b', lane: '', votesPerPerson: 99, maxPerItem: 1, hidden: false }), 'a', 'votesPerPerson'],
  ])('refuses %s', (_name, json, id, message) => {
    const parsed = parseCommand(json)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.id).toBe(id)
    expect(parsed.message).toContain(message)
  })

  it('names who may send every command', () => {
    const types = commandSchema.options.map((option) => option.entries.type.literal)
    expect(Object.keys(commandRoles).sort()).toEqual([...types].sort())
  })
})
