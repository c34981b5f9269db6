import { useEffect, useState } from 'react'
import type { LanguageTools } from '../../../shared/logic/noteWords'

/**
 * The stop words and stemmer for a language, loaded on first use (the stemmers and word lists are
 * some 60 KB gzipped that nobody but the word cloud and the theme suggestions needs). Null until
 * loaded; `failed` when the download failed (offline before the service worker had it).
 */
export function useLanguageTools(language: string): { tools: LanguageTools | null; failed: boolean } {
  const [state, setState] = useState<{ language: string; tools: LanguageTools | null; failed: boolean }>({ language, tools: null, failed: false })
  useEffect(() => {
    let cancelled = false
    loadLanguageTools(language).then(
      (tools) => {
        if (!cancelled) setState({ language, tools, failed: false })
      },
      (error: unknown) => {
        console.warn('[samskap] language tools failed to load', error)
        if (!cancelled) setState({ language, tools: null, failed: true })
      },
    )
    return () => {
      cancelled = true
    }
  }, [language])
  return state.language === language ? { tools: state.tools, failed: state.failed } : { tools: null, failed: false }
}

export async function loadLanguageTools(language: string): Promise<LanguageTools> {
  const { languageTools } = await import('../../../shared/logic/languageTools')
  return languageTools(language)
}
