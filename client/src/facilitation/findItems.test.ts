import { describe, expect, it } from 'vitest'
import { findItems } from './findItems'

const items = [
  { id: 'a', text: 'Trygg skolevei for alle', createdAt: 1 },
  { id: 'b', text: 'Flere benker i parken', createdAt: 3 },
  { id: 'c', text: 'Lys i PARKEN om kvelden', createdAt: 2 },
  { id: 'd', text: '', createdAt: 4 },
]

describe('findItems', () => {
  it.each([
    ['', 10, ['d', 'b', 'c', 'a']],
    ['', 2, ['d', 'b']],
    ['parken', 10, ['b', 'c']],
    ['Parken LYS', 10, ['c']],
    ['  skolevei  ', 10, ['a']],
    ['sykkel', 10, []],
  ])('%j (limit %i)', (query, limit, ids) => {
    expect(findItems(items, query, limit).map((i) => i.id)).toEqual(ids)
  })
})
