import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { auditActions } from '../../../shared/staff'
import { detectLanguage, matchLanguage, supportedLanguages, type Strings, type SupportedLanguage } from './i18n'
import { coreStrings, mergeStrings, pickPart } from './languages'
import { buildLocaleBundle, readLocaleFiles } from './localeBundlePlugin'

// The app loads one language at a time; the test reads every file itself, as the build does.
const localesDir = join(import.meta.dirname, 'locales')
const resources = Object.fromEntries(supportedLanguages.map((lng) => [lng, readLocaleFiles(localesDir, lng).strings])) as Record<
  SupportedLanguage,
  Record<string, Strings>
>
/** Every namespace English has; en is always complete, so it defines the set. */
const namespaces: readonly string[] = Object.keys(resources.en).sort()

describe('matchLanguage', () => {
  it.each([
    ['nb-NO', 'nb'],
    ['no', 'nb'],
    ['NB', 'nb'],
    ['nn-NO', 'nn'],
    ['nn', 'nn'],
    ['da-DK', 'da'],
    ['da', 'da'],
    ['sv-SE', 'sv'],
    ['sv-FI', 'sv'],
    ['en-US', 'en'],
    ['en_GB', 'en'],
    ['de-DE', null],
    ['fi', null],
    ['', null],
    [null, null],
  ] as const)('%s -> %s', (tag, expected) => {
    expect(matchLanguage(tag)).toBe(expected)
  })
})

describe('detectLanguage', () => {
  // Precedence: saved choice, then the workshop's language, then the browser, then bokmål.
  it.each([
    [null, ['nb-NO'], null, 'nb'],
    [null, ['nn'], null, 'nn'],
    [null, ['nn-NO', 'nb-NO'], null, 'nn'],
    [null, ['no'], null, 'nb'],
    [null, ['da-DK', 'en'], null, 'da'],
    [null, ['sv-SE'], null, 'sv'],
    [null, ['fi-FI', 'sv-FI'], null, 'sv'],
    [null, ['en-GB', 'nb'], null, 'en'],
    [null, ['de-DE', 'en-US'], null, 'en'],
    [null, ['de-DE'], null, 'nb'],
    [null, [], null, 'nb'],
    ['en', ['nb-NO'], null, 'en'],
    ['nn', ['en-US'], null, 'nn'],
    ['xx', ['en'], null, 'en'],
    // Inside a workshop: its language beats the browser for someone who never chose…
    [null, ['en-US'], 'da', 'da'],
    [null, ['en-US'], 'da-DK', 'da'],
    [null, ['nb-NO'], 'sv', 'sv'],
    [null, [], 'nn', 'nn'],
    // …but never their own choice…
    ['en', ['en-US'], 'da', 'en'],
    ['nb', ['da-DK'], 'sv', 'nb'],
    // …and a workshop language we do not speak falls through to the browser.
    [null, ['sv-SE'], 'de', 'sv'],
    [null, ['de-DE'], 'fr', 'nb'],
  ] as const)('saved %s, browser %j, workshop %s -> %s', (saved, browser, workshop, expected) => {
    expect(detectLanguage(saved, browser, workshop)).toBe(expected)
  })
})

function keysOf(tree: Strings, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)))
}

function valuesOf(tree: Strings, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : valuesOf(v, `${prefix}${k}.`)))
}

/** The {{variables}} a string interpolates, sorted, so a translation cannot drop or rename one. */
function variablesOf(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort()
}

const translations = supportedLanguages.filter((l) => l !== 'nb' && l !== 'en')

describe('locale files', () => {
  // A key present in one language and missing in another shows up as raw English or a key name.
  it('nb and en have the same keys in every namespace', () => {
    expect(Object.keys(resources.nb).sort()).toEqual([...namespaces])
    for (const ns of namespaces) {
      expect(keysOf(resources.nb[ns] ?? {}).sort(), ns).toEqual(keysOf(resources.en[ns] ?? {}).sort())
    }
  })

  it('has the namespaces the UI uses', () => {
    expect(namespaces).toEqual(expect.arrayContaining(['app', 'boards', 'canvas', 'challenges', 'matrix', 'stakeholderMap', 'tags']))
  })

  // Share's audit list shows a line per action as `staff:audit.action.<action>`: one the server
  // writes and no language words shows up as a raw key.
  it.each(supportedLanguages)('%s words every audit action the server records', (lng) => {
    const worded = new Set(keysOf(resources[lng].staff ?? {}))
    expect(auditActions.filter((action) => !worded.has(`audit.action.${action}`))).toEqual([])
  })

  // nn, da and sv are translated after nb/en: a key added to nb/en and not yet translated is
  // listed here by name, so whoever added it (or the translator) knows exactly what to add.
  it.each(translations)('%s covers every key of en, and has none that en lacks', (lng) => {
    const missing: string[] = []
    const stale: string[] = []
    for (const ns of namespaces) {
      const translated = resources[lng][ns]
      if (!translated) {
        missing.push(`${ns}.json (the whole file)`)
        continue
      }
      const want = new Set(keysOf(resources.en[ns] ?? {}))
      const have = new Set(keysOf(translated))
      for (const key of want) if (!have.has(key)) missing.push(`${ns}:${key}`)
      for (const key of have) if (!want.has(key)) stale.push(`${ns}:${key}`)
    }
    // Namespaces a language has that en lacks are stale too.
    for (const ns of Object.keys(resources[lng])) if (!namespaces.includes(ns)) stale.push(`${ns}.json (the whole file)`)
    expect({ missing, stale }).toEqual({ missing: [], stale: [] })
  })

  it.each(supportedLanguages.filter((l) => l !== 'en'))('%s keeps the {{variables}} of every en string, and no string is empty', (lng) => {
    const wrong: string[] = []
    for (const ns of namespaces) {
      const english = new Map(valuesOf(resources.en[ns] ?? {}))
      for (const [key, text] of valuesOf(resources[lng][ns] ?? {})) {
        const source = english.get(key)
        if (text.trim() === '') wrong.push(`${ns}:${key} is empty`)
        else if (source !== undefined && variablesOf(source).join() !== variablesOf(text).join()) {
          wrong.push(`${ns}:${key} has ${variablesOf(text).join() || 'no variables'}, en has ${variablesOf(source).join() || 'none'}`)
        }
      }
    }
    expect(wrong).toEqual([])
  })
})

describe('mergeStrings', () => {
  it.each([
    [{ a: 'A' }, { b: 'B' }, { a: 'A', b: 'B' }],
    [{ a: 'A' }, { a: 'a' }, { a: 'a' }],
    [{ g: { a: 'A', b: 'B' } }, { g: { b: 'b' } }, { g: { a: 'A', b: 'b' } }],
    [{ g: { a: 'A' } }, { g: 'flat' }, { g: 'flat' }],
    [{ g: 'flat' }, { g: { a: 'a' } }, { g: { a: 'a' } }],
    [{}, {}, {}],
  ] as const)('%j under %j', (base, override, expected) => {
    expect(mergeStrings(base, override)).toEqual(expected)
  })
})

describe('language bundles (what the app downloads)', () => {
  // A string not yet translated shows the fallback's text, without downloading the fallback language.
  it.each(supportedLanguages)('%s has every key of en, in its own words where it has them', (lng) => {
    const { bundle } = buildLocaleBundle(localesDir, lng)
    expect(Object.keys(bundle).sort()).toEqual([...namespaces])
    for (const ns of namespaces) {
      expect(keysOf(bundle[ns]!).sort(), ns).toEqual(keysOf(resources.en[ns]!).sort())
      const own = new Map(valuesOf(resources[lng][ns] ?? {}))
      for (const [key, text] of valuesOf(bundle[ns]!)) if (own.has(key)) expect(text, `${ns}:${key}`).toBe(own.get(key))
    }
  })

  it('has a core part for the phone with exactly the strings it names, and a full part with all', () => {
    for (const lng of supportedLanguages) {
      const { bundle } = buildLocaleBundle(localesDir, lng)
      expect(pickPart(bundle, 'full')).toEqual(bundle)
      const core = pickPart(bundle, 'core')
      expect(Object.keys(core).sort()).toEqual(Object.keys(coreStrings).sort())
      for (const [ns, keys] of Object.entries(coreStrings)) {
        // A key named here that no longer exists would leave the phone showing a key name.
        expect(Object.keys(core[ns]!).sort(), `${lng} ${ns}`).toEqual(keys === '*' ? Object.keys(bundle[ns]!).sort() : [...keys].sort())
        for (const key of Object.keys(core[ns]!)) expect(core[ns]![key], `${lng} ${ns}:${key}`).toEqual(bundle[ns]![key])
      }
    }
  })

  it('fills a key missing in nynorsk from bokmål, then English, and a missing file too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samskap-locales-'))
    const write = (lng: string, ns: string, strings: Strings) => {
      mkdirSync(join(dir, lng), { recursive: true })
      writeFileSync(join(dir, lng, `${ns}.json`), JSON.stringify(strings))
    }
    try {
      write('en', 'app', { a: 'English', b: 'English b', g: { x: 'English x', y: 'English y' } })
      write('en', 'extra', { z: 'English z' })
      write('nb', 'app', { a: 'bokmål', g: { x: 'bokmål x' } })
      write('nn', 'app', { g: { x: 'nynorsk x' } })
      expect(buildLocaleBundle(dir, 'nn').bundle).toEqual({
        app: { a: 'bokmål', b: 'English b', g: { x: 'nynorsk x', y: 'English y' } },
        extra: { z: 'English z' },
      })
      // English falls back to nothing: it is the complete one.
      expect(buildLocaleBundle(dir, 'en').bundle.app).toEqual({ a: 'English', b: 'English b', g: { x: 'English x', y: 'English y' } })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
