import { commonestForm, noteWords, type LanguageTools } from './noteWords'

/** A note as the grouping reads it. */
export interface ThemeNote {
  id: string
  text: string
}

/** A group of notes about one thing, under a name the facilitator may change. */
export interface Theme {
  /** Stable while the facilitator edits: `stem:<stem>` of the word that made it. */
  id: string
  label: string
  noteIds: string[]
}

/** Themes, and the notes that fit none ("Andre" on the board). */
export interface ThemeGrouping {
  themes: Theme[]
  ungrouped: string[]
}

export interface ThemeOptions {
  /** More themes than this are more than a room can talk about; the rest stay ungrouped. */
  maxThemes: number
  /** A word shared by fewer notes than this is not a theme. */
  minNotes: number
}

export const defaultThemeOptions: ThemeOptions = { maxThemes: 8, minNotes: 2 }

/** Longest theme name: it becomes a label above a cluster on the board. */
export const THEME_LABEL_MAX = 80

/**
 * Suggests themes from the words notes share, computed here and nowhere else (no service sees the
 * notes). Greedy and predictable: the word (stem) used by the most notes makes the first theme,
 * which takes every note using it; then the same among the notes left, until no word is shared by
 * `minNotes` notes or there are `maxThemes` themes. Ties go to the word written first, so the same
 * notes always give the same themes. A theme is named by the form of its word most notes wrote,
 * with a capital letter.
 */
export function suggestThemes(notes: readonly ThemeNote[], tools: LanguageTools, options: ThemeOptions = defaultThemeOptions): ThemeGrouping {
  const words = notes.map((note) => ({ id: note.id, words: noteWords(note.text, tools) }))
  let remaining = words
  const themes: Theme[] = []
  while (themes.length < options.maxThemes) {
    const counts = new Map<string, { notes: number; first: number; forms: Map<string, number> }>()
    let position = 0
    for (const note of remaining) {
      for (const { stem, form } of note.words) {
        let entry = counts.get(stem)
        if (!entry) {
          entry = { notes: 0, first: position++, forms: new Map() }
          counts.set(stem, entry)
        }
        entry.notes++
        entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1)
      }
    }
    let best: [string, { notes: number; first: number; forms: Map<string, number> }] | null = null
    for (const candidate of counts) {
      if (!best || candidate[1].notes > best[1].notes || (candidate[1].notes === best[1].notes && candidate[1].first < best[1].first)) best = candidate
    }
    if (!best || best[1].notes < options.minNotes) break
    const [stem, entry] = best
    const members = remaining.filter((note) => note.words.some((word) => word.stem === stem))
    themes.push({ id: `stem:${stem}`, label: capitalise(commonestForm(entry.forms), tools.language), noteIds: members.map((note) => note.id) })
    remaining = remaining.filter((note) => !members.includes(note))
  }
  return { themes, ungrouped: remaining.map((note) => note.id) }
}

/** A theme under a new name (trimmed, cut to the limit); an empty name keeps the old one. */
export function renameTheme(grouping: ThemeGrouping, id: string, label: string): ThemeGrouping {
  const name = label.trim().slice(0, THEME_LABEL_MAX)
  if (name === '') return grouping
  return { ...grouping, themes: grouping.themes.map((theme) => (theme.id === id && theme.label !== name ? { ...theme, label: name } : theme)) }
}

/**
 * Themes merged into the first of them (in list order), which keeps its name and place and takes
 * the others' notes after its own. Fewer than two existing themes change nothing.
 */
export function mergeThemes(grouping: ThemeGrouping, ids: readonly string[]): ThemeGrouping {
  const chosen = grouping.themes.filter((theme) => ids.includes(theme.id))
  const [first, ...others] = chosen
  if (!first || others.length === 0) return grouping
  const merged: Theme = { ...first, noteIds: [...new Set(chosen.flatMap((theme) => theme.noteIds))] }
  return {
    ...grouping,
    themes: grouping.themes.filter((theme) => !others.includes(theme)).map((theme) => (theme === first ? merged : theme)),
  }
}

/** A theme taken apart: its notes join the ungrouped ones. */
export function dissolveTheme(grouping: ThemeGrouping, id: string): ThemeGrouping {
  const theme = grouping.themes.find((t) => t.id === id)
  if (!theme) return grouping
  return { themes: grouping.themes.filter((t) => t !== theme), ungrouped: [...grouping.ungrouped, ...theme.noteIds.filter((n) => !grouping.ungrouped.includes(n))] }
}

/**
 * The grouping for the notes there are now: notes deleted since the suggestion leave their theme
 * (a theme left empty goes), and notes added since join the ungrouped ones, in `notes` order.
 */
export function currentGrouping(grouping: ThemeGrouping, notes: readonly ThemeNote[]): ThemeGrouping {
  const exists = new Set(notes.map((note) => note.id))
  const themes = grouping.themes.map((theme) => ({ ...theme, noteIds: theme.noteIds.filter((id) => exists.has(id)) })).filter((theme) => theme.noteIds.length > 0)
  const placed = new Set(themes.flatMap((theme) => theme.noteIds))
  return { themes, ungrouped: notes.map((note) => note.id).filter((id) => !placed.has(id)) }
}

function capitalise(word: string, language: string): string {
  const [first = ''] = word
  return first.toLocaleUpperCase(language) + word.slice(first.length)
}
