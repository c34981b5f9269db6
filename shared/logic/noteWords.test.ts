import { describe, expect, it } from 'vitest'
import { languageTools, toolLanguage } from './languageTools'
import { noteWords, wordFrequencies, type LanguageTools } from './noteWords'

/** A language for tests whose rules can be read at a glance: strips a trailing "s", knows three stop words. */
const toy: LanguageTools = {
  language: 'en',
  isStopWord: (word) => ['the', 'and', 'in'].includes(word),
  stem: (word) => word.replace(/s$/, ''),
}

describe('noteWords', () => {
  it.each([
    ['punctuation and case go', 'Benchs, BENCHS and «trees»!', ['bench', 'tree']],
    ['stop words go', 'the park and the trees', ['park', 'tree']],
    ['numbers and one-letter words go', '3 x 40 parks', ['park']],
    ['each stem once, first form kept', 'parks park PARKS', ['park']],
    ['an empty note has none', '   ', []],
    ['quotes at a word edge go', "'lights' in the park'", ['light', 'park']],
  ])('%s', (_what, text, stems) => {
    expect(noteWords(text, toy).map((w) => w.stem)).toEqual(stems)
  })

  it('keeps the written form beside the stem', () => {
    expect(noteWords('Parks', toy)).toEqual([{ stem: 'park', form: 'parks' }])
  })
})

describe('wordFrequencies', () => {
  it.each([
    ['counts notes, not repeats', ['park park park', 'tree', 'tree'], [['tree', 2], ['park', 1]]],
    ['ties keep the order words first appeared', ['bench', 'light', 'light bench'], [['bench', 2], ['light', 2]]],
    ['forms of one stem count together', ['bench', 'benchs', 'benchs'], [['benchs', 3]]],
    ['no notes, no words', [], []],
  ] as const)('%s', (_what, texts, expected) => {
    expect(wordFrequencies(texts, toy).map((w) => [w.word, w.notes])).toEqual(expected)
  })

  it('stops at the limit', () => {
    expect(wordFrequencies(['aa bb cc dd'], toy, 2).map((w) => w.word)).toEqual(['aa', 'bb'])
  })
})

describe('languageTools (the real libraries)', () => {
  it.each([
    ['nb', 'Flere sykkelveier og en sykkelvei til skolen', ['fler', 'sykkelvei', 'skol']],
    ['nn', 'Eg vil ha fleire møteplassar, ikkje færre møteplassar', ['fleir', 'møteplass', 'færr']],
    ['da', 'Flere cykelstier og bænke i parken', ['cykelsti', 'bænk', 'park']],
    ['sv', 'Fler cykelvägar och bänkar i parken', ['cykelväg', 'bänk', 'park']],
    ['en', 'More cycling paths for the young people at home', ['cycl', 'path', 'young', 'peopl', 'home']],
  ])('%s: stems and stop words', (language, text, stems) => {
    expect(noteWords(text, languageTools(language)).map((w) => w.stem)).toEqual(stems)
  })

  it('nb and nn share the Norwegian list, which has both written forms', () => {
    for (const language of ['nb', 'nn']) {
      const tools = languageTools(language)
      for (const word of ['ikke', 'ikkje', 'hva', 'kva', 'jeg', 'eg']) expect(tools.isStopWord(word), `${language}: ${word}`).toBe(true)
    }
  })

  it.each([
    ['nb-NO', 'nb'],
    ['no', 'nb'],
    ['nn-NO', 'nn'],
    ['da', 'da'],
    ['sv-SE', 'sv'],
    ['en-GB', 'en'],
    ['fr', 'nb'],
  ] as const)('%s reads as %s', (tag, language) => {
    expect(toolLanguage(tag)).toBe(language)
  })
})
