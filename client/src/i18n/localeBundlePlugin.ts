import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'
import {
  fallbackLanguages,
  localeParts,
  mergeStrings,
  pickPart,
  supportedLanguages,
  type LocalePart,
  type Strings,
  type SupportedLanguage,
} from './languages.ts'

/**
 * Two modules per language, `virtual:samskap-locale/<lng>/<part>` (languages.ts, `localeParts`):
 * the namespaces of that part with the language's fallbacks already filled in (nn = en, then nb,
 * then nn laid over). The app loads only the current language, and a phone only its `core` part
 * (about 4 KB gzipped instead of 15, not five times that); a string not yet translated still shows
 * in bokmål without the fallback languages being downloaded too. Built from the files in
 * `locales/<lng>/<namespace>.json` at build time (and on each change in dev).
 */
export const LOCALE_MODULE_PREFIX = 'virtual:samskap-locale/'
const RESOLVED_PREFIX = '\0samskap-locale:'

export function localeBundlePlugin(localesDir: string): Plugin {
  return {
    name: 'samskap-locale-bundles',
    resolveId(id) {
      if (!id.startsWith(LOCALE_MODULE_PREFIX)) return null
      const [lng, part] = id.slice(LOCALE_MODULE_PREFIX.length).split('/')
      const known = supportedLanguages.includes(lng as SupportedLanguage) && localeParts.includes(part as LocalePart)
      return known ? `${RESOLVED_PREFIX}${lng}:${part}` : null
    },
    load(id) {
      if (!id.startsWith(RESOLVED_PREFIX)) return null
      const [lng, part] = id.slice(RESOLVED_PREFIX.length).split(':') as [SupportedLanguage, LocalePart]
      for (const l of [lng, ...fallbackLanguages[lng]]) this.addWatchFile(join(localesDir, l))
      const { bundle, files } = buildLocaleBundle(localesDir, lng)
      for (const file of files) this.addWatchFile(file)
      // JSON.parse of a string literal is faster to start than an object literal of the same size.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(pickPart(bundle, part)))})`
    },
  }
}

/** Reads every namespace file of one language (namespace -> strings). */
export function readLocaleFiles(localesDir: string, lng: SupportedLanguage): { strings: Record<string, Strings>; files: string[] } {
  const strings: Record<string, Strings> = {}
  const files: string[] = []
  let names: string[]
  try {
    names = readdirSync(join(localesDir, lng)).filter((name) => name.endsWith('.json'))
  } catch {
    return { strings, files }
  }
  for (const name of names.sort()) {
    const file = join(localesDir, lng, name)
    files.push(file)
    strings[name.slice(0, -'.json'.length)] = JSON.parse(readFileSync(file, 'utf8')) as Strings
  }
  return { strings, files }
}

/** One language's bundle: its fallbacks from last to first, then the language itself, laid over each other. */
export function buildLocaleBundle(localesDir: string, lng: SupportedLanguage): { bundle: Record<string, Strings>; files: string[] } {
  const bundle: Record<string, Strings> = {}
  const files: string[] = []
  for (const layer of [...fallbackLanguages[lng]].reverse().concat(lng)) {
    const read = readLocaleFiles(localesDir, layer)
    files.push(...read.files)
    for (const [ns, strings] of Object.entries(read.strings)) bundle[ns] = mergeStrings(bundle[ns] ?? {}, strings)
  }
  return { bundle, files }
}

