import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { loadOutbox, saveOutbox, withNote, withoutNote, type OutboxNote } from './noteOutbox'

const a = 'V1StGXR8_Z5jdHi6B-myT'
const b = 'AAAAAAAAAAAAAAAAAAAAA'
const note = (noteId: string, workshopId = a, createdAt = 1, extra: Partial<OutboxNote> = {}): OutboxNote => ({ workshopId, noteId, text: `tekst ${noteId}`, createdAt, failure: '', ...extra })

describe('withNote / withoutNote', () => {
  it('adds, replaces by id and removes', () => {
    const one = withNote([], note('n1'))
    expect(one.map((n) => n.noteId)).toEqual(['n1'])
    const two = withNote(one, note('n2'))
    expect(two.map((n) => n.noteId)).toEqual(['n1', 'n2'])
    const edited = withNote(two, { ...note('n1'), text: 'endret' })
    expect(edited.map((n) => n.text)).toEqual(['endret', 'tekst n2'])
    expect(withoutNote(edited, 'n1').map((n) => n.noteId)).toEqual(['n2'])
    expect(withoutNote(edited, 'nope')).toHaveLength(2)
  })
})

describe('loadOutbox / saveOutbox', () => {
  const storage = new Map<string, string>()
  beforeEach(() => {
    storage.clear()
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
    })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('keeps each workshop’s notes apart, oldest first', () => {
    saveOutbox(a, [note('late', a, 5), note('early', a, 2)])
    saveOutbox(b, [note('other', b, 1)])
    expect(loadOutbox(a).map((n) => n.noteId)).toEqual(['early', 'late'])
    expect(loadOutbox(b).map((n) => n.noteId)).toEqual(['other'])
    saveOutbox(a, [])
    expect(loadOutbox(a)).toEqual([])
    expect(loadOutbox(b)).toHaveLength(1)
  })

  it('skips what is not a note (another version, tampering) and survives junk', () => {
    storage.set('samskap.phoneOutbox', JSON.stringify([note('ok'), { ...note('x'), noteId: '../x' }, { ...note('y'), text: '' }, { nope: 1 }, null]))
    expect(loadOutbox(a).map((n) => n.noteId)).toEqual(['ok'])
    storage.set('samskap.phoneOutbox', '{not json')
    expect(loadOutbox(a)).toEqual([])
  })
})
