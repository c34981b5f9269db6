import { describe, expect, it } from 'vitest'
import { detectLanguage, resources } from './i18n'

describe('detectLanguage', () => {
  it.each([
    [null, ['nb-NO'], 'nb'],
    [null, ['nn'], 'nb'],
    [null, ['no'], 'nb'],
    [null, ['en-GB', 'nb'], 'en'],
    [null, ['de-DE', 'en-US'], 'en'],
    [null, ['de-DE'], 'nb'],
    [null, [], 'nb'],
    ['en', ['nb-NO'], 'en'],
    ['xx', ['en'], 'en'],
  ] as const)('saved %s, browser %j -> %s', (saved, browser, expected) => {
    expect(detectLanguage(saved, browser)).toBe(expected)
  })
})

describe('locale files', () => {
  // A key present in one language and missing in another shows up as raw English or a key name.
  it('nb and en have the same keys in every namespace', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
    for (const ns of Object.keys(resources.en) as (keyof typeof resources.en)[]) {
      expect(keys(resources.nb[ns]).sort(), ns).toEqual(keys(resources.en[ns]).sort())
    }
  })
})
