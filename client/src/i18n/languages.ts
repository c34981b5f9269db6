/**
 * The languages Samskap speaks and where a missing string is looked up next. No dependencies: the
 * build (localeBundlePlugin.ts) reads this too, to bake each language's fallbacks into its bundle.
 */
export const supportedLanguages = ['nb', 'nn', 'da', 'sv', 'en'] as const
export type SupportedLanguage = (typeof supportedLanguages)[number]

/**
 * Where a string missing in one language is looked up next. nb and en are always complete (the
 * key test holds them equal), so this only matters for a key someone added to nb/en and not yet
 * translated. Nynorsk readers read bokmål every day. Danish and Swedish readers read written
 * bokmål with little effort (Danish even more so than spoken), and a Scandinavian sentence in a
 * Scandinavian screen is less jarring for a municipal caseworker than English; English is last.
 */
export const fallbackLanguages: Record<SupportedLanguage, readonly SupportedLanguage[]> = {
  nn: ['nb', 'en'],
  da: ['nb', 'en'],
  sv: ['nb', 'en'],
  nb: ['en'],
  en: [],
}

/** A namespace's strings: nested objects of strings, as in the JSON files. */
export interface Strings {
  readonly [key: string]: string | Strings
}

/**
 * `override` laid over `base`, key by key at every depth: what a fallback chain does at run time,
 * done once when the bundle is built. A string never replaces a subtree or the other way round
 * (the override wins, as i18next's lookup would find it first).
 */
export function mergeStrings(base: Strings, override: Strings): Strings {
  const out: Record<string, string | Strings> = { ...base }
  for (const [key, value] of Object.entries(override)) {
    const under = out[key]
    out[key] = typeof value !== 'string' && under !== undefined && typeof under !== 'string' ? mergeStrings(under, value) : value
  }
  return out
}

/**
 * The app's strings come in two parts per language. `core` is what the join and phone pages show
 * (a resident's phone on a hall's wifi downloads nothing more): whole namespaces, or some of a
 * namespace's top-level keys. It is loaded before the first render. `full` is every string, for
 * the pages beyond the phone's (the boards, the canvas, exports, …), which load it before they show.
 */
export const localeParts = ['core', 'full'] as const
export type LocalePart = (typeof localeParts)[number]
export const coreStrings: Readonly<Record<string, '*' | readonly string[]>> = {
  phone: '*',
  app: ['brand', 'language', 'name', 'workshop', 'connection', 'refused'],
  // The three committee questions, asked on the phone; nothing else of the challenge board.
  challenges: ['lanes'],
  a11y: ['link'],
  privacy: ['link'],
}

/** One part of a language's strings (namespace -> strings). */
export function pickPart(bundle: Readonly<Record<string, Strings>>, part: LocalePart): Record<string, Strings> {
  if (part === 'full') return { ...bundle }
  const picked: Record<string, Strings> = {}
  for (const [ns, keys] of Object.entries(coreStrings)) {
    const strings = bundle[ns]
    if (!strings) continue
    picked[ns] = keys === '*' ? strings : Object.fromEntries(Object.entries(strings).filter(([key]) => keys.includes(key)))
  }
  return picked
}
