import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'

/**
 * All user-visible text goes through i18next. Namespaces follow the UI's parts (app shell, canvas,
 * each board, outline, …) and each is one JSON file per language: `locales/<lng>/<namespace>.json`.
 * Files are picked up by name, so a new namespace needs no edit here: add it to nb and en (written
 * with the code), and i18n.test.ts lists what nn, da and sv still lack.
 */
export const supportedLanguages = ['nb', 'nn', 'da', 'sv', 'en'] as const
export type SupportedLanguage = (typeof supportedLanguages)[number]

/** A namespace's strings: nested objects of strings, as in the JSON files. */
export interface Strings {
  readonly [key: string]: string | Strings
}

const STORAGE_KEY = 'samskap.language'

const localeFiles = import.meta.glob<Strings>('./locales/*/*.json', { eager: true, import: 'default' })

function loadResources(): Record<SupportedLanguage, Record<string, Strings>> {
  const out = Object.fromEntries(supportedLanguages.map((l) => [l, {}])) as Record<SupportedLanguage, Record<string, Strings>>
  for (const [path, strings] of Object.entries(localeFiles)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path)
    const lng = supportedLanguages.find((l) => l === match?.[1])
    if (match && lng) out[lng][match[2]!] = strings
  }
  return out
}

export const resources = loadResources()

/** Every namespace English has; en is always complete, so it defines the set. */
export const namespaces: readonly string[] = Object.keys(resources.en).sort()

/**
 * Where a string missing in one language is looked up next. nb and en are always complete (the
 * key test holds them equal), so this only matters for a key someone added to nb/en and not yet
 * translated. Nynorsk readers read bokmål every day. Danish and Swedish readers read written
 * bokmål with little effort (Danish even more so than spoken), and a Scandinavian sentence in a
 * Scandinavian screen is less jarring for a municipal caseworker than English; English is last.
 */
export const fallbackLanguages = {
  nn: ['nb', 'en'],
  da: ['nb', 'en'],
  sv: ['nb', 'en'],
  nb: ['en'],
  default: ['en'],
}

/** A language tag (BCP 47, any case) to the language we speak for it, or null if none. */
export function matchLanguage(tag: string | null | undefined): SupportedLanguage | null {
  if (!tag) return null
  const base = tag.toLowerCase().split(/[-_]/)[0]
  switch (base) {
    case 'nb':
    case 'no':
      return 'nb'
    case 'nn':
      return 'nn'
    case 'da':
      return 'da'
    case 'sv':
      return 'sv'
    case 'en':
      return 'en'
    default:
      return null
  }
}

/**
 * The language to show, in this order:
 * 1. the person's own saved choice (they picked it in the language switch, so it always wins);
 * 2. the workshop's language, when inside a workshop: the facilitator created it in that language,
 *    its board titles and group names are in it, and everyone in the room should see the same words;
 * 3. the first browser language we speak;
 * 4. bokmål.
 */
export function detectLanguage(saved: string | null, browser: readonly string[], workshop: string | null = null): SupportedLanguage {
  return matchLanguage(saved) ?? matchLanguage(workshop) ?? browser.map(matchLanguage).find((l) => l !== null) ?? 'nb'
}

export function initI18n(): typeof i18next {
  const lng = detectLanguage(savedLanguage(), browserLanguages())
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    supportedLngs: [...supportedLanguages],
    fallbackLng: fallbackLanguages,
    ns: [...namespaces],
    defaultNS: 'app',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  })
  syncDocumentLanguage(lng)
  i18next.on('languageChanged', syncDocumentLanguage)
  return i18next
}

/** The person's own choice from the language switch: saved, so it wins from now on. */
export function setLanguage(language: SupportedLanguage): void {
  safeStorageSet(STORAGE_KEY, language)
  void i18next.changeLanguage(language)
}

/**
 * Called by the workshop shell once the workshop's language is known. Switches to it only for
 * someone who never chose a language themselves; nothing is saved, so their next workshop (or the
 * home page on a new visit) follows that workshop or their browser again.
 */
export function applyWorkshopLanguage(workshopLanguage: string | null | undefined): void {
  const lng = detectLanguage(savedLanguage(), browserLanguages(), workshopLanguage ?? null)
  if (i18next.isInitialized && i18next.language !== lng) void i18next.changeLanguage(lng)
}

/** The current UI language as one of ours (i18next may hold a region variant such as nb-NO). */
export function currentLanguage(): SupportedLanguage {
  return matchLanguage(i18next.resolvedLanguage ?? i18next.language) ?? 'nb'
}

function savedLanguage(): string | null {
  return safeStorageGet(STORAGE_KEY)
}

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages
}

function syncDocumentLanguage(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng
}

function safeStorageGet(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

function safeStorageSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
