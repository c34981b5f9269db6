import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import daApp from './locales/da/app.json'
import daBoards from './locales/da/boards.json'
import daCanvas from './locales/da/canvas.json'
import daChallenges from './locales/da/challenges.json'
import daMatrix from './locales/da/matrix.json'
import daStakeholderMap from './locales/da/stakeholderMap.json'
import daTags from './locales/da/tags.json'
import enA11y from './locales/en/a11y.json'
import enApp from './locales/en/app.json'
import enHistory from './locales/en/history.json'
import enOffline from './locales/en/offline.json'
import enBoards from './locales/en/boards.json'
import enCanvas from './locales/en/canvas.json'
import enChallenges from './locales/en/challenges.json'
import enMatrix from './locales/en/matrix.json'
import enOutline from './locales/en/outline.json'
import enStakeholderMap from './locales/en/stakeholderMap.json'
import enTags from './locales/en/tags.json'
import nbA11y from './locales/nb/a11y.json'
import nbApp from './locales/nb/app.json'
import nbHistory from './locales/nb/history.json'
import nbOffline from './locales/nb/offline.json'
import nbBoards from './locales/nb/boards.json'
import nbCanvas from './locales/nb/canvas.json'
import nbChallenges from './locales/nb/challenges.json'
import nbMatrix from './locales/nb/matrix.json'
import nbOutline from './locales/nb/outline.json'
import nbStakeholderMap from './locales/nb/stakeholderMap.json'
import nbTags from './locales/nb/tags.json'
import nnApp from './locales/nn/app.json'
import nnBoards from './locales/nn/boards.json'
import nnCanvas from './locales/nn/canvas.json'
import nnChallenges from './locales/nn/challenges.json'
import nnMatrix from './locales/nn/matrix.json'
import nnStakeholderMap from './locales/nn/stakeholderMap.json'
import nnTags from './locales/nn/tags.json'
import svApp from './locales/sv/app.json'
import svBoards from './locales/sv/boards.json'
import svCanvas from './locales/sv/canvas.json'
import svChallenges from './locales/sv/challenges.json'
import svMatrix from './locales/sv/matrix.json'
import svStakeholderMap from './locales/sv/stakeholderMap.json'
import svTags from './locales/sv/tags.json'

/**
 * All user-visible text goes through i18next. Namespaces follow the UI's parts (app shell,
 * canvas, each board) so each part's strings live beside each other. nb and en are written with
 * the code; nn, da and sv are translations checked against en by i18n.test.ts.
 */
export const supportedLanguages = ['nb', 'nn', 'da', 'sv', 'en'] as const
export type SupportedLanguage = (typeof supportedLanguages)[number]

const STORAGE_KEY = 'samskap.language'

export const namespaces = ['app', 'canvas', 'boards', 'stakeholderMap', 'matrix', 'challenges', 'tags', 'outline', 'offline', 'history', 'a11y'] as const

export const resources = {
  nb: { app: nbApp, canvas: nbCanvas, boards: nbBoards, stakeholderMap: nbStakeholderMap, matrix: nbMatrix, challenges: nbChallenges, tags: nbTags, outline: nbOutline, offline: nbOffline, history: nbHistory, a11y: nbA11y },
  nn: { app: nnApp, canvas: nnCanvas, boards: nnBoards, stakeholderMap: nnStakeholderMap, matrix: nnMatrix, challenges: nnChallenges, tags: nnTags },
  da: { app: daApp, canvas: daCanvas, boards: daBoards, stakeholderMap: daStakeholderMap, matrix: daMatrix, challenges: daChallenges, tags: daTags },
  sv: { app: svApp, canvas: svCanvas, boards: svBoards, stakeholderMap: svStakeholderMap, matrix: svMatrix, challenges: svChallenges, tags: svTags },
  en: { app: enApp, canvas: enCanvas, boards: enBoards, stakeholderMap: enStakeholderMap, matrix: enMatrix, challenges: enChallenges, tags: enTags, outline: enOutline, offline: enOffline, history: enHistory, a11y: enA11y },
} as const

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
