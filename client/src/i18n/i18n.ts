import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import enApp from './locales/en/app.json'
import enCanvas from './locales/en/canvas.json'
import enBoards from './locales/en/boards.json'
import enStakeholderMap from './locales/en/stakeholderMap.json'
import enMatrix from './locales/en/matrix.json'
import enChallenges from './locales/en/challenges.json'
import enTags from './locales/en/tags.json'
import nbApp from './locales/nb/app.json'
import nbCanvas from './locales/nb/canvas.json'
import nbBoards from './locales/nb/boards.json'
import nbStakeholderMap from './locales/nb/stakeholderMap.json'
import nbMatrix from './locales/nb/matrix.json'
import nbChallenges from './locales/nb/challenges.json'
import nbTags from './locales/nb/tags.json'

/**
 * All user-visible text goes through i18next. Namespaces follow the UI's parts (app shell,
 * canvas) so each part's strings live beside each other. nn, da and sv arrive with issue 4.
 */
export const supportedLanguages = ['nb', 'en'] as const
export type SupportedLanguage = (typeof supportedLanguages)[number]

const STORAGE_KEY = 'samskap.language'

export const namespaces = ['app',  'canvas',  'boards',  'stakeholderMap',  'matrix',  'challenges',  'tags'] as const

export const resources = {
  nb: { app: nbApp, canvas: nbCanvas, boards: nbBoards, stakeholderMap: nbStakeholderMap, matrix: nbMatrix, challenges: nbChallenges, tags: nbTags },
  en: { app: enApp, canvas: enCanvas, boards: enBoards, stakeholderMap: enStakeholderMap, matrix: enMatrix, challenges: enChallenges, tags: enTags },
} as const

/** The person's saved choice, else the first browser language we speak (nn/no count as nb). */
export function detectLanguage(saved: string | null, browser: readonly string[]): SupportedLanguage {
  for (const candidate of [saved, ...browser]) {
    if (!candidate) continue
    const base = candidate.toLowerCase().split('-')[0]
    if (base === 'nb' || base === 'no' || base === 'nn') return 'nb'
    if (base === 'en') return 'en'
  }
  return 'nb'
}

export function initI18n(): typeof i18next {
  const saved = safeStorageGet(STORAGE_KEY)
  const lng = detectLanguage(saved, typeof navigator === 'undefined' ? [] : navigator.languages)
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    ns: [...namespaces],
    defaultNS: 'app',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  })
  syncDocumentLanguage(lng)
  i18next.on('languageChanged', syncDocumentLanguage)
  return i18next
}

export function setLanguage(language: SupportedLanguage): void {
  safeStorageSet(STORAGE_KEY, language)
  void i18next.changeLanguage(language)
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
