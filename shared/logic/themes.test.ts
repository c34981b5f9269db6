import { describe, expect, it } from 'vitest'
import { languageTools } from './languageTools'
import type { LanguageTools } from './noteWords'
import { currentGrouping, dissolveTheme, mergeThemes, renameTheme, suggestThemes, THEME_LABEL_MAX, type ThemeGrouping } from './themes'

const toy: LanguageTools = { language: 'en', isStopWord: (w) => ['the', 'more', 'in', 'a'].includes(w), stem: (w) => w.replace(/s$/, '') }
const notes = (...texts: string[]) => texts.map((text, i) => ({ id: `n${i + 1}`, text }))
const shape = (g: ThemeGrouping) => ({ themes: g.themes.map((t) => [t.label, t.noteIds.join(' ')]), ungrouped: g.ungrouped.join(' ') })

describe('suggestThemes', () => {
  it.each([
    [
      'the word most notes share makes the first theme, and takes its notes',
      notes('more trees', 'trees in the shade', 'a tree by the lake', 'light in the park', 'park lights', 'ice cream'),
      { themes: [['Trees', 'n1 n2 n3'], ['Light', 'n4 n5']], ungrouped: 'n6' },
    ],
    [
      'a note counts once, in the first theme that takes it',
      notes('park benches', 'park lights', 'benches', 'park'),
      { themes: [['Park', 'n1 n2 n4']], ungrouped: 'n3' },
    ],
    [
      'ties go to the word written first',
      notes('trees', 'swings', 'trees', 'swings'),
      { themes: [['Trees', 'n1 n3'], ['Swings', 'n2 n4']], ungrouped: '' },
    ],
    ['a word in one note is no theme', notes('trees', 'swings'), { themes: [], ungrouped: 'n1 n2' }],
    ['stop words make no theme', notes('the park', 'the lake'), { themes: [], ungrouped: 'n1 n2' }],
    ['no notes, no themes', [], { themes: [], ungrouped: '' }],
  ])('%s', (_what, input, expected) => {
    expect(shape(suggestThemes(input, toy))).toEqual(expected)
  })

  it('stops at maxThemes and at minNotes', () => {
    const input = notes('aa', 'aa', 'aa', 'bb', 'bb', 'bb', 'cc', 'cc')
    expect(shape(suggestThemes(input, toy, { maxThemes: 2, minNotes: 2 }))).toEqual({ themes: [['Aa', 'n1 n2 n3'], ['Bb', 'n4 n5 n6']], ungrouped: 'n7 n8' })
    expect(shape(suggestThemes(input, toy, { maxThemes: 8, minNotes: 3 }))).toEqual({ themes: [['Aa', 'n1 n2 n3'], ['Bb', 'n4 n5 n6']], ungrouped: 'n7 n8' })
  })

  it('themes have stable ids from their word', () => {
    expect(suggestThemes(notes('parks', 'park'), toy).themes.map((t) => t.id)).toEqual(['stem:park'])
  })

  it('groups inflected Norwegian forms (the real stemmer), named by the form most wrote', () => {
    const input = notes('Flere benker i parken', 'Benker i skyggen', 'Ei benk ved dammen', 'Lys i parken om kvelden', 'Bedre lys på stien')
    expect(shape(suggestThemes(input, languageTools('nb')))).toEqual({ themes: [['Benker', 'n1 n2 n3'], ['Lys', 'n4 n5']], ungrouped: '' })
  })
})

describe('editing a grouping', () => {
  const grouping: ThemeGrouping = {
    themes: [
      { id: 'a', label: 'Benker', noteIds: ['n1', 'n2'] },
      { id: 'b', label: 'Lys', noteIds: ['n3'] },
      { id: 'c', label: 'Stier', noteIds: ['n4', 'n5'] },
    ],
    ungrouped: ['n6'],
  }

  it.each([
    ['renames', 'b', 'Belysning', ['Benker', 'Belysning', 'Stier']],
    ['trims', 'b', '  Belysning ', ['Benker', 'Belysning', 'Stier']],
    ['an empty name keeps the old one', 'b', '   ', ['Benker', 'Lys', 'Stier']],
    ['an unknown theme changes nothing', 'x', 'Nytt', ['Benker', 'Lys', 'Stier']],
  ])('renameTheme %s', (_what, id, label, labels) => {
    expect(renameTheme(grouping, id, label).themes.map((t) => t.label)).toEqual(labels)
  })

  it('renameTheme cuts a long name to the label limit', () => {
    expect(renameTheme(grouping, 'a', 'x'.repeat(200)).themes[0]!.label).toHaveLength(THEME_LABEL_MAX)
  })

  it.each([
    ['into the first in list order, which keeps its name and place', ['c', 'a'], { themes: [['Benker', 'n1 n2 n4 n5'], ['Lys', 'n3']], ungrouped: 'n6' }],
    ['three at once', ['a', 'b', 'c'], { themes: [['Benker', 'n1 n2 n3 n4 n5']], ungrouped: 'n6' }],
    ['one theme is no merge', ['b'], { themes: [['Benker', 'n1 n2'], ['Lys', 'n3'], ['Stier', 'n4 n5']], ungrouped: 'n6' }],
    ['unknown ids are ignored', ['b', 'zz'], { themes: [['Benker', 'n1 n2'], ['Lys', 'n3'], ['Stier', 'n4 n5']], ungrouped: 'n6' }],
  ])('mergeThemes %s', (_what, ids, expected) => {
    expect(shape(mergeThemes(grouping, ids))).toEqual(expected)
  })

  it('dissolveTheme sends its notes to the ungrouped ones', () => {
    expect(shape(dissolveTheme(grouping, 'a'))).toEqual({ themes: [['Lys', 'n3'], ['Stier', 'n4 n5']], ungrouped: 'n6 n1 n2' })
    expect(dissolveTheme(grouping, 'x')).toBe(grouping)
  })

  it('currentGrouping drops deleted notes and empty themes, and adds new notes to the ungrouped', () => {
    const now = notes('', '', '', '', '', '', '').filter((n) => n.id !== 'n3' && n.id !== 'n2')
    expect(shape(currentGrouping(grouping, now))).toEqual({ themes: [['Benker', 'n1'], ['Stier', 'n4 n5']], ungrouped: 'n6 n7' })
  })
})
