import { describe, expect, it } from 'vitest'
import { keepWorkshop, parseKept, releaseWorkshop, type KeptWorkshop } from './keptWorkshops'

const a: KeptWorkshop = { id: 'a', keptAt: 1, imagesCached: 2, imageTotal: 3 }
const b: KeptWorkshop = { id: 'b', keptAt: 2, imagesCached: 0, imageTotal: 0 }

describe('parseKept', () => {
  it.each<[string, string | null, KeptWorkshop[]]>([
    ['nothing stored', null, []],
    ['not JSON', '{oops', []],
    ['not a list', '{"id":"a"}', []],
    ['good entries', JSON.stringify([a, b]), [a, b]],
    ['drops entries with a wrong shape', JSON.stringify([a, { id: 'c' }, null, 'x', { ...b, imagesCached: -1 }, { ...b, keptAt: 'now' }]), [a]],
  ])('%s', (_name, raw, expected) => {
    expect(parseKept(raw)).toEqual(expected)
  })
})

describe('keepWorkshop / releaseWorkshop', () => {
  it('puts a kept workshop first and replaces an older entry', () => {
    expect(keepWorkshop([a, b], { ...b, imagesCached: 5 }).map((w) => [w.id, w.imagesCached])).toEqual([
      ['b', 5],
      ['a', 2],
    ])
  })
  it('releases one workshop and leaves the others', () => {
    expect(releaseWorkshop([a, b], 'a')).toEqual([b])
    expect(releaseWorkshop([a, b], 'zzz')).toEqual([a, b])
  })
})
