import { toCsv } from './csv'
import type { ExportLabels } from './exportLabels'
import type { WorkshopSnapshot } from './workshopJson'
import { boardsInOrder, challengeTree, itemsOfKind, stakeholderRows } from './workshopOutline'

/** The three spreadsheets: one row per stakeholder, per action, per note, across all boards. */
export function stakeholdersCsv(snapshot: WorkshopSnapshot, labels: ExportLabels): string {
  const rows = boardsInOrder(snapshot)
    .filter((board) => board.template === 'stakeholderMap')
    .flatMap((board) =>
      stakeholderRows(snapshot, board.id, labels.groupName).map(({ stakeholder: s, group }) => [
        board.title,
        s.name,
        group || labels.ungrouped,
        s.influence,
        s.interest,
        s.contactPerson,
        s.message,
        s.channel,
        s.frequency,
        s.levelNow ? labels.levelName(s.levelNow) : '',
        s.levelWanted ? labels.levelName(s.levelWanted) : '',
        s.sdgs.join(', '),
        s.dimension ? labels.dimensionName(s.dimension) : '',
      ]),
    )
  return toCsv(
    [
      labels.boards,
      labels.name,
      labels.group,
      labels.influence,
      labels.interest,
      labels.contactPerson,
      labels.what,
      labels.how,
      labels.when,
      labels.levelNow,
      labels.levelWanted,
      labels.sdgs,
      labels.dimension,
    ],
    rows,
  )
}

/** Due dates stay ISO (`YYYY-MM-DD`): every spreadsheet reads that as a date, whatever its locale. */
export function actionsCsv(snapshot: WorkshopSnapshot, labels: ExportLabels): string {
  const rows = boardsInOrder(snapshot)
    .filter((board) => board.template === 'challengeBoard')
    .flatMap((board) =>
      challengeTree(snapshot, board.id).actions.map(({ action, solution, challenge }) => [
        board.title,
        action.text,
        action.owner,
        action.dueDate,
        labels.statusName(action.status),
        solution?.text ?? '',
        challenge?.text ?? '',
      ]),
    )
  return toCsv(
    [labels.boards, labels.action, labels.owner, labels.dueDate, labels.status, labels.lane('solution'), labels.lane('challenge')],
    rows,
  )
}

export function notesCsv(snapshot: WorkshopSnapshot, labels: ExportLabels): string {
  const rows = boardsInOrder(snapshot).flatMap((board) =>
    itemsOfKind(snapshot, board.id, 'note').map((note) => [
      board.title,
      note.text,
      note.sdgs.join(', '),
      note.dimension ? labels.dimensionName(note.dimension) : '',
      note.color,
      new Date(note.createdAt).toISOString(),
    ]),
  )
  return toCsv([labels.boards, labels.text, labels.sdgs, labels.dimension, labels.color, labels.created], rows)
}
