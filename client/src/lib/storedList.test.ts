import { describe, expect, it } from 'vitest'
import { parseStoredList } from './storedList'

const isNumber = (value: unknown): value is number => typeof value === 'number'

describe('parseStoredList', () => {
  it.each([
    ['nothing stored', null, []],
    ['an empty string', '', []],
    ['broken JSON', '[1,', []],
    ['not an array', '{"a":1}', []],
    ['only accepted entries, in order', '[3,"x",1,null,{"n":2},2]', [3, 1, 2]],
  ])('%s', (_, raw, expected) => {
    expect(parseStoredList(raw, isNumber)).toEqual(expected)
  })
})
