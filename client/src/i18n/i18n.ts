import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { fallbackLanguages, supportedLanguages, type LocalePart, type Strings, type SupportedLanguage } from './languages'

/**
 * All user-visible text goes through i18next. Namespaces follow the UI's parts (app shell, canvas,
 * each board, outline, …) and each is one JSON file per language: `locales/<lng>/<namespace>.json`.
 * Files are picked up by name, so a new namespace needs no edit here: add it to nb and en (written
 * with the code), and i18n.test.ts lists what nn, da and sv still lack.
 *
 * Only the current language is downloaded, in two parts (languages.ts, `localeParts`): the build
 * makes one bundle per language and part with its fallbacks filled in (localeBundlePlugin.ts).
 * `initI18n` loads the core part before the first render; pages beyond the phone's ask for the
 * full set (`loadLocalePart`). Switching language loads what is in use first, so no screen shows keys.
 */
export { fallbackLanguages, supportedLanguages, type LocalePart, type Strings, type SupportedLanguage }

/** Loads one part of a language's strings (namespace -> strings); given by the app (main.tsx), so tests can pass their own. */
export type LocaleLoader = (language: SupportedLanguage, part: LocalePart) => Promise<Record<string, Strings>>

const STORAGE_KEY = 'samskap.language'

let loader: LocaleLoader | null = null
/** The parts the pages shown so far need, in whatever language is current. */
const partsInUse = new Set<LocalePart>(['core'])
const loading = new Map<string, Promise<void>>()

function loadPart(language: SupportedLanguage, part: LocalePart): Promise<void> {
  const key = `${language}/${part}`
  let pending = loading.get(key)
  if (!pending) {
    if (!loader) return Promise.reject(new Error('initI18n has not run'))
    pending = loader(language, part).then(
      (bundle) => {
        for (const [ns, strings] of Object.entries(bundle)) i18next.addResourceBundle(language, ns, strings, true, true)
      },
      (error: unknown) => {
        // A failed download (offline before the service worker had it) may succeed next time.
        loading.delete(key)
        throw error
      },
    )
    loading.set(key, pending)
  }
  return pending
}

/** Makes sure a language's strings are in i18next: every part in use (each downloaded once). */
export async function loadLanguage(language: SupportedLanguage): Promise<void> {
  await Promise.all([...partsInUse].map((part) => loadPart(language, part)))
}

/** For pages beyond the phone's: loads the `full` part of the current language (before the page renders). */
export async function loadLocalePart(part: LocalePart): Promise<void> {
  partsInUse.add(part)
  await loadPart(currentLanguage(), part)
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

/**
 * Starts i18next in the language `detectLanguage` picks, with its core strings already there (so
 * `resolvedLanguage` is right from the start): render after this resolves. If that language cannot
 * be loaded (a new version's chunk, offline), bokmål is tried.
 */
export async function initI18n(load: LocaleLoader): Promise<typeof i18next> {
  loader = load
  let lng = detectLanguage(savedLanguage(), browserLanguages())
  let core: Record<string, Strings>
  try {
    core = await load(lng, 'core')
  } catch (error) {
    if (lng === 'nb') throw error
    console.warn(`[samskap] could not load the strings for ${lng}; showing bokmål`, error)
    lng = 'nb'
    core = await load(lng, 'core')
  }
  loading.set(`${lng}/core`, Promise.resolve())
  await i18next.use(initReactI18next).init({
    resources: { [lng]: core },
    lng,
    supportedLngs: [...supportedLanguages],
    fallbackLng: { ...fallbackLanguages, default: ['en'] },
    defaultNS: 'app',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  })
  syncDocumentLanguage(lng)
  i18next.on('languageChanged', syncDocumentLanguage)
  return i18next
}

/** Loads a language, then switches to it; the old one stays on screen until the new one is there. */
async function switchLanguage(language: SupportedLanguage): Promise<void> {
  try {
    await loadLanguage(language)
    // A page that asked for another part meanwhile: that part too, before anything shows keys.
    await loadLanguage(language)
  } catch (error) {
    console.warn(`[samskap] could not load the strings for ${language}`, error)
    return
  }
  if (i18next.language !== language) await i18next.changeLanguage(language)
}

/** The person's own choice from the language switch: saved, so it wins from now on. */
export function setLanguage(language: SupportedLanguage): void {
  safeStorageSet(STORAGE_KEY, language)
  void switchLanguage(language)
}

/**
 * Called by the workshop shell once the workshop's language is known. Switches to it only for
 * someone who never chose a language themselves; nothing is saved, so their next workshop (or the
 * home page on a new visit) follows that workshop or their browser again.
 */
export function applyWorkshopLanguage(workshopLanguage: string | null | undefined): void {
  const lng = detectLanguage(savedLanguage(), browserLanguages(), workshopLanguage ?? null)
  if (i18next.isInitialized && i18next.language !== lng) void switchLanguage(lng)
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
