import { describe, expect, it } from 'vitest'
import { forgetWorkshop, parseRecent, rememberWorkshop } from './recentWorkshops'

describe('recent workshops', () => {
  it('puts the opened workshop first without duplicates', () => {
    const list = [
      { id: 'a', title: 'A', lastOpened: 1 },
      { id: 'b', title: 'B', lastOpened: 2 },
    ]
    expect(rememberWorkshop(list, { id: 'b', title: 'B2', lastOpened: 3 }).map((w) => w.id + w.title)).toEqual(['bB2', 'aA'])
  })

  it('keeps at most 20', () => {
    let list = rememberWorkshop([], { id: 'x0', title: '', lastOpened: 0 })
    for (let i = 1; i < 30; i++) list = rememberWorkshop(list, { id: `x${i}`, title: '', lastOpened: i })
    expect(list).toHaveLength(20)
    expect(list[0]?.id).toBe('x29')
  })

  it('forgets one', () => {
    expect(forgetWorkshop([{ id: 'a', title: 'A', lastOpened: 1 }], 'a')).toEqual([])
  })

  it.each([null, '', 'not json', '{}', '[1, {"id": 2}]'])('reads junk %j as empty', (raw) => {
    expect(parseRecent(raw)).toEqual([])
  })

  it('keeps valid entries from mixed storage', () => {
    expect(parseRecent('[{"id":"a","title":"A","lastOpened":5}, {"id":"b"}]')).toEqual([{ id: 'a', title: 'A', lastOpened: 5 }])
  })
})
