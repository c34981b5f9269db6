import { newStemmer } from 'snowball-stemmers'
import { eng } from 'stopword'
import { da, no, sv } from 'stopwords-iso'
import type { LanguageTools } from './noteWords'

/**
 * Stop words and stems for the five languages of the UI, from well-kept libraries:
 * - stems: the Snowball stemmers (`snowball-stemmers`). Nynorsk has no Snowball stemmer of its
 *   own; the Norwegian one handles both written forms well enough ("møteplassar" and
 *   "møteplasser" both become "møteplass"), so nn uses it too.
 * - stop words: `stopwords-iso`. Its Norwegian list holds bokmål and nynorsk forms together
 *   ("ikke" and "ikkje", "hva" and "kva"), so nb and nn use the same list, which is what a room
 *   writing in both needs anyway. English is the exception: stopwords-iso's English list (1,298
 *   words gathered from the web) drops topic words a dialogue is about ("home", "work", "young",
 *   "problem", "place"), so English uses the classic list from the `stopword` package.
 * Kept apart from noteWords.ts so only the screens that read notes load the libraries (lazily).
 */
export type ToolLanguage = 'nb' | 'nn' | 'da' | 'sv' | 'en'

const sources: Record<ToolLanguage, { stemmer: string; stopWords: readonly string[] }> = {
  nb: { stemmer: 'norwegian', stopWords: no },
  nn: { stemmer: 'norwegian', stopWords: no },
  da: { stemmer: 'danish', stopWords: da },
  sv: { stemmer: 'swedish', stopWords: sv },
  en: { stemmer: 'english', stopWords: eng },
}

const cache = new Map<ToolLanguage, LanguageTools>()

/** The tools for a language tag ("nb-NO", "en", "no"); an unknown language gets bokmål's. */
export function languageTools(tag: string): LanguageTools {
  const language = toolLanguage(tag)
  let tools = cache.get(language)
  if (!tools) {
    const source = sources[language]
    const stopWords = new Set(source.stopWords)
    const stemmer = newStemmer(source.stemmer)
    tools = { language, isStopWord: (word) => stopWords.has(word), stem: (word) => stemmer.stem(word) }
    cache.set(language, tools)
  }
  return tools
}

export function toolLanguage(tag: string): ToolLanguage {
  const base = tag.toLowerCase().split(/[-_]/)[0]
  switch (base) {
    case 'nn':
    case 'da':
    case 'sv':
    case 'en':
      return base
    default:
      return 'nb'
  }
}
