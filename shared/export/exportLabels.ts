import type { ActionStatus, CardLane } from '../schema/records/card'
import type { BoardTemplate } from '../schema/records/board'
import type { GridQuadrant } from '../logic/stakeholderMap'

/**
 * Every word an export prints, already translated into the workshop's language. The client fills
 * it from i18next (client/src/export/exportLabels.ts); tests pass a fixed English one. Functions
 * are plain lookups, so the generators stay pure.
 */
export interface ExportLabels {
  /** BCP 47 tag written into the HTML `lang` attribute. */
  language: string
  minutesTitle: string
  /** The workshop column of the action register. */
  workshop: string
  date: string
  exportedAt: string
  created: string
  boards: string
  template: (template: BoardTemplate) => string
  // stakeholder map
  stakeholders: string
  communicationPlan: string
  name: string
  group: string
  ungrouped: string
  influence: string
  interest: string
  contactPerson: string
  who: string
  what: string
  how: string
  when: string
  noStakeholders: string
  // involvement matrix
  levelNow: string
  levelWanted: string
  gap: string
  notSet: string
  collaborations: string
  collaborationField: (field: string) => string
  noLinkedMap: string
  /** A quadrant of the influence/interest grid ("Manage closely"). */
  quadrant: (quadrant: GridQuadrant) => string
  // challenge board
  lane: (lane: CardLane) => string
  actions: string
  action: string
  owner: string
  dueDate: string
  status: string
  statusName: (status: ActionStatus) => string
  votes: string
  // kept votes (every board)
  votesHeading: string
  /** "Vote 2" */
  voteNumber: (n: number) => string
  voteSummary: (vote: { closedAt: string; voters: number; votesPerPerson: number; maxPerItem: number; withDots: number; eligible: number }) => string
  rank: string
  dots: string
  noDots: string
  /** An item or board that was deleted and whose text was not kept. */
  deletedItem: string
  /** ms since epoch → date and time in the workshop's locale. */
  formatDateTime: (ms: number) => string
  answeredSolutions: string
  noSolutions: string
  noActions: string
  notLinked: string
  // free canvas
  notes: string
  text: string
  color: string
  untagged: string
  noNotes: string
  sdgs: string
  dimension: string
  sdgName: (n: number) => string
  dimensionName: (d: string) => string
  // other
  groupName: (name: string, preset: string) => string
  levelName: (level: number) => string
  /** `YYYY-MM-DD` → a date in the workshop's locale. */
  formatDate: (isoDate: string) => string
  emptyText: string
  imagePlaceholder: string
}
