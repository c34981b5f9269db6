import { acceptsNotes } from '../../../shared/facilitation/noteBoards'
import { promptTarget } from '../../../shared/facilitation/phoneTarget'
import type { BoardRecord } from '../../../shared/schema/records/board'
import type { SessionRecord, TargetLane } from '../../../shared/schema/records/session'

/**
 * Where the session is, as the projector shows it:
 * - `writing`: private writing (the count of notes, not their text);
 * - `notes`: notes on a board (after a reveal, or written straight onto it);
 * - `voting`: a vote is open; `results`: it has closed and its results are up.
 */
export interface Stage {
  kind: 'writing' | 'notes' | 'voting' | 'results'
  boardId: string
  lane: TargetLane
  /** Identifies this step of the session: a new key is a new step, and the view follows it. */
  key: string
  /** Server time the step began (for steps that are still going on, which one is newest). */
  since: number
}

export interface FollowState {
  stage: Stage
  /** The board notes go to (the prompt's), so a new prompt or "bring everyone here" is followed. */
  promptKey: string
}

/** Steps the session is in now (a private phase, an open or a closed vote), newest first. */
function activeStages(session: Pick<SessionRecord, 'phase' | 'vote'>): Stage[] {
  const stages: Stage[] = []
  const { phase, vote } = session
  if (phase.kind === 'private') stages.push({ kind: 'writing', boardId: phase.boardId, lane: phase.lane, key: `writing:${phase.id}`, since: phase.startedAt })
  if (vote?.status === 'open') stages.push({ kind: 'voting', boardId: vote.boardId, lane: vote.lane, key: `voting:${vote.id}`, since: vote.openedAt })
  if (vote?.status === 'closed') stages.push({ kind: 'results', boardId: vote.boardId, lane: vote.lane, key: `results:${vote.id}`, since: vote.closedAt })
  return stages.sort((a, b) => b.since - a.since)
}

function notesStage(boardId: string, lane: TargetLane, since: number): Stage {
  return { kind: 'notes', boardId, lane, key: `notes:${boardId}:${lane}`, since }
}

/**
 * The next step the projector follows, from the last one and the session now:
 * - the newest step going on wins when it began after the one shown (a vote opened, private
 *   writing started, a vote closed);
 * - a step that ends leaves its board's notes up: private writing ends in the reveal (the notes
 *   are on the board now), results dismissed or a vote cancelled go back to the notes voted on;
 * - with nothing going on, the notes of the board notes go to: first the board on the
 *   facilitator's screen (when it takes notes), later wherever a new prompt sends them.
 * Pure: the presentation keeps the state and calls this on every change of the session.
 */
export function followSession(
  previous: FollowState | null,
  session: Pick<SessionRecord, 'phase' | 'vote' | 'prompt'>,
  boards: readonly BoardRecord[],
  screenBoardId: string | null,
): FollowState {
  const prompt = promptTarget(session.prompt, boards)
  const promptKey = prompt ? `${prompt.boardId}:${prompt.lane}` : ''
  const [newest] = activeStages(session)
  if (!previous) {
    if (newest) return { stage: newest, promptKey }
    const onScreen = boards.find((b) => b.id === screenBoardId && acceptsNotes(b))
    const board = onScreen ? { boardId: onScreen.id, lane: '' as const } : prompt
    return { stage: notesStage(board?.boardId ?? '', board?.lane ?? '', 0), promptKey }
  }
  const shown = previous.stage
  if (newest && newest.key !== shown.key && newest.since > shown.since) return { stage: newest, promptKey }
  const stillOn = activeStages(session).some((stage) => stage.key === shown.key)
  if (shown.kind !== 'notes' && !stillOn) return { stage: notesStage(shown.boardId, shown.lane, shown.since), promptKey }
  if (shown.kind === 'notes' && prompt && promptKey !== previous.promptKey) return { stage: notesStage(prompt.boardId, prompt.lane, shown.since), promptKey }
  return promptKey === previous.promptKey ? previous : { stage: shown, promptKey }
}

/** The presentation's views, in the order the keys 1–3 and the arrow keys go through them. */
export const presentationViews = ['notes', 'cloud', 'vote'] as const
export type PresentationView = (typeof presentationViews)[number]

/** What each step shows when nobody chose: its notes (or the count while private), or the vote. */
export function stageView(stage: Stage): PresentationView {
  return stage.kind === 'voting' || stage.kind === 'results' ? 'vote' : 'notes'
}

/** A view the facilitator chose, for the step it was chosen in. */
export interface ViewChoice {
  view: PresentationView
  stageKey: string
}

/**
 * The view on screen: the facilitator's choice while the session stays at the step it was made
 * in; when the session moves on, the new step's own view (unless following is switched off, when
 * a choice stays until the next choice).
 */
export function currentView(stage: Stage, choice: ViewChoice | null, following: boolean): PresentationView {
  if (choice && (!following || choice.stageKey === stage.key)) return choice.view
  return stageView(stage)
}

/** The view `step` places after `view` (arrow keys), wrapping around. */
export function stepView(view: PresentationView, step: 1 | -1): PresentationView {
  const index = presentationViews.indexOf(view)
  return presentationViews[(index + step + presentationViews.length) % presentationViews.length]!
}
