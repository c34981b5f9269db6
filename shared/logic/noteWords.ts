/**
 * What a language contributes to reading residents' notes: which words carry no topic (stop
 * words) and the stem a word shares with its inflected forms ("sykkelveier", "sykkelvei" ->
 * "sykkelvei"). Built from well-kept libraries in `languageTools.ts`; tests may pass their own.
 */
export interface LanguageTools {
  /** BCP 47 language for word segmentation and lower-casing ("nb", "en"). */
  language: string
  isStopWord(word: string): boolean
  stem(word: string): string
}

/** One word of a note as it counts: its stem, and the form it was written in (lower case). */
export interface NoteWord {
  stem: string
  form: string
}

/** Words shorter than this ("å", "x") say nothing on their own. */
const MIN_WORD_LENGTH = 2

/**
 * The topic words of one note, each stem once (a note that says "benk" three times votes once for
 * benches), in the order they first appear. Words are found with Intl.Segmenter (so "kafé," and
 * "«parken»" lose their punctuation, and any script works), lower-cased in the note's language;
 * numbers, one-letter words and stop words are left out.
 */
export function noteWords(text: string, tools: LanguageTools): NoteWord[] {
  const seen = new Set<string>()
  const words: NoteWord[] = []
  for (const form of wordsOf(text, tools.language)) {
    if (form.length < MIN_WORD_LENGTH || /^\p{N}+$/u.test(form) || tools.isStopWord(form)) continue
    const stem = tools.stem(form)
    if (stem === '' || seen.has(stem)) continue
    seen.add(stem)
    words.push({ stem, form })
  }
  return words
}

const segmenters = new Map<string, Intl.Segmenter>()

function wordsOf(text: string, language: string): string[] {
  let segmenter = segmenters.get(language)
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' })
    segmenters.set(language, segmenter)
  }
  const words: string[] = []
  for (const segment of segmenter.segment(text)) {
    // Apostrophes the segmenter keeps at a word's edge ("parken'") are quotes, not letters.
    if (segment.isWordLike) words.push(segment.segment.toLocaleLowerCase(language).replace(/^['’]+|['’]+$/g, ''))
  }
  return words
}

/** A word of a word cloud: how many notes use it, under the form most of them wrote. */
export interface WordCount {
  stem: string
  /** The most common written form ("benker" when most wrote "benker" and one "benk"). */
  word: string
  /** Notes that use the word (in any form). */
  notes: number
}

/**
 * The words of many notes by how many notes use each (not how often: one long note repeating a
 * word does not outweigh ten people who wrote it once), most first; ties in the order the words
 * first appear, so the cloud does not reshuffle as notes come in. At most `limit` words.
 */
export function wordFrequencies(texts: readonly string[], tools: LanguageTools, limit = 60): WordCount[] {
  const byStem = new Map<string, { notes: number; first: number; forms: Map<string, number> }>()
  let position = 0
  for (const text of texts) {
    for (const { stem, form } of noteWords(text, tools)) {
      let entry = byStem.get(stem)
      if (!entry) {
        entry = { notes: 0, first: position++, forms: new Map() }
        byStem.set(stem, entry)
      }
      entry.notes++
      entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1)
    }
  }
  return [...byStem.entries()]
    .sort(([, a], [, b]) => b.notes - a.notes || a.first - b.first)
    .slice(0, Math.max(0, limit))
    .map(([stem, entry]) => ({ stem, word: commonestForm(entry.forms), notes: entry.notes }))
}

/** The form written most often; among equals the first one written. */
export function commonestForm(forms: ReadonlyMap<string, number>): string {
  let best = ''
  let count = 0
  for (const [form, n] of forms) {
    if (n > count) {
      best = form
      count = n
    }
  }
  return best
}
