import i18next from 'i18next'
import type { ExportLabels } from '../../../shared/export/exportLabels'
import { levelId } from '../../../shared/logic/involvement'
import { intlLocale } from '../i18n/format'
import { matchLanguage } from '../i18n/i18n'

/**
 * The export labels in the workshop's language (not the reader's): minutes handed to a committee
 * read in the language the workshop was held in. Level, group, status and tag names come from the
 * namespaces the boards use, so the minutes say exactly what the boards say.
 */
export function exportLabelsFor(workshopLanguage: string): ExportLabels {
  const language = matchLanguage(workshopLanguage) ?? 'nb'
  const t = i18next.getFixedT(language, 'export')
  const l = (key: string) => t(`labels.${key}`)
  const matrix = i18next.getFixedT(language, 'matrix')
  const map = i18next.getFixedT(language, 'stakeholderMap')
  const tags = i18next.getFixedT(language, 'tags')
  const challenges = i18next.getFixedT(language, 'challenges')
  // The same Intl locale as the boards (en is en-GB there, not the en-US a bare 'en' gives).
  const dateFormat = new Intl.DateTimeFormat(intlLocale(language), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
  const dateTimeFormat = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeStyle: 'short' })
  return {
    language,
    minutesTitle: l('minutesTitle'),
    workshop: l('workshop'),
    date: l('date'),
    exportedAt: l('exportedAt'),
    created: l('created'),
    boards: l('boards'),
    template: (template) => l(`templates.${template}`),
    stakeholders: l('stakeholders'),
    communicationPlan: l('communicationPlan'),
    name: l('name'),
    group: l('group'),
    ungrouped: map('ungrouped'),
    influence: l('influence'),
    interest: l('interest'),
    contactPerson: l('contactPerson'),
    who: l('who'),
    what: l('what'),
    how: l('how'),
    when: l('when'),
    noStakeholders: l('noStakeholders'),
    levelNow: l('levelNow'),
    levelWanted: l('levelWanted'),
    gap: l('gap'),
    notSet: l('notSet'),
    collaborations: l('collaborations'),
    collaborationField: (field) => matrix(`definition.fields.${field}`),
    noLinkedMap: l('noLinkedMap'),
    lane: (lane) => l(`lanes.${lane}`),
    actions: l('actions'),
    action: l('action'),
    owner: l('owner'),
    dueDate: l('dueDate'),
    status: l('status'),
    statusName: (status) => challenges(`action.statuses.${status}`),
    votes: l('votes'),
    votesHeading: l('votesHeading'),
    voteNumber: (n) => t('labels.voteNumber', { n }),
    voteSummary: ({ voters, ...rest }) => t('labels.voteSummary', { count: voters, ...rest }),
    rank: l('rank'),
    dots: l('dots'),
    noDots: l('noDots'),
    deletedItem: l('deletedItem'),
    // The browser's own time zone: the minutes are written where the workshop was held.
    formatDateTime: (ms) => dateTimeFormat.format(new Date(ms)),
    answeredSolutions: l('answeredSolutions'),
    noSolutions: l('noSolutions'),
    noActions: l('noActions'),
    notLinked: l('notLinked'),
    notes: l('notes'),
    text: l('text'),
    color: l('color'),
    untagged: l('untagged'),
    noNotes: l('noNotes'),
    sdgs: l('sdgs'),
    dimension: l('dimension'),
    sdgName: (n) => tags(`sdg.${n}`),
    dimensionName: (d) => tags(`dimension.${d}`),
    groupName: (name, preset) => name || (preset ? map(`presets.${preset}`) : map('unnamedGroup')),
    levelName: (level) => {
      const id = levelId(level)
      return id ? matrix(`levels.${id}.name`) : l('notSet')
    },
    formatDate: (iso) => {
      const date = new Date(`${iso}T00:00:00Z`)
      return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date)
    },
    quadrant: (q) => map(`grid.quadrants.${q}`),
    emptyText: l('emptyText'),
    imagePlaceholder: l('imagePlaceholder'),
  }
}
