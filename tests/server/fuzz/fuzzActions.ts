import { getWorkshopMaps, readRecord } from '../../../shared/doc/workshopDoc'
import { canBindTo, planDeleteItems, planMoveItems, type CanvasItem } from '../../../shared/logic/canvasItems'
import { planAddCard, planDeleteCard, planLink, planMoveCard } from '../../../shared/logic/challengeBoard'
import { placeNewNote } from '../../../shared/logic/notes'
import { cardLanes, type CardRecord } from '../../../shared/schema/records/card'
import type { ConnectorRecord } from '../../../shared/schema/records/connector'
import { noteColors, type NoteRecord } from '../../../shared/schema/records/note'
import type { ItemRecord } from '../../../shared/schema/schema'
import { forgedActions } from './forgedActions'
import { slotOf } from './FuzzLedger'
import { FUZZ_TIME, type Actor, type FuzzWorld } from './FuzzWorld'

/**
 * What the fuzz can do in one step, with how often. Changes to the board go through the shared
 * planners and `applyPlan` on the actor's own document, as the app makes them; "raw" actions write
 * Yjs directly, as a hostile or broken client could (the session, a board's title, the workshop's
 * title, deleting without a plan). The guard's rules decide which of them stand (FuzzWorld.predict).
 *
 * To add an action: add an entry here (or in forgedActions.ts) with a weight, make
 * its change through `world.change` or `world.applyPlan` so the ledger knows what it wrote, and
 * teach `FuzzWorld.predict` how the server judges it.
 * `run` returns false when the action does not apply now (nothing to edit); another is drawn.
 */
export interface FuzzAction {
  name: string
  weight: number
  run(world: FuzzWorld): boolean | Promise<boolean>
}

export const fuzzActions: readonly FuzzAction[] = [
  { name: 'addNote', weight: 10, run: (world) => addNote(world, anyActor(world)) },
  { name: 'addArrow', weight: 3, run: (world) => addArrow(world, anyActor(world)) },
  { name: 'editText', weight: 14, run: (world) => editText(world, anyActor(world)) },
  { name: 'moveItems', weight: 6, run: (world) => moveItems(world, anyActor(world)) },
  { name: 'deleteItems', weight: 5, run: (world) => deleteItems(world, anyActor(world)) },
  { name: 'rawDelete', weight: 3, run: (world) => rawDelete(world, anyActor(world)) },
  { name: 'addCard', weight: 6, run: (world) => addCard(world, anyActor(world)) },
  { name: 'moveCard', weight: 4, run: (world) => moveCard(world, anyActor(world)) },
  { name: 'linkCards', weight: 3, run: (world) => linkCards(world, anyActor(world)) },
  { name: 'deleteCard', weight: 2, run: (world) => deleteCard(world, anyActor(world)) },
  { name: 'forgeSession', weight: 2, run: (world) => forgeSession(world, anyActor(world)) },
  { name: 'forgeBoardTitle', weight: 1, run: (world) => forgeTitle(world, participant(world), 'boards') },
  { name: 'forgeWorkshopTitle', weight: 1, run: (world) => forgeTitle(world, participant(world), 'meta') },
  { name: 'invalidText', weight: 2, run: (world) => invalidText(world, anyActor(world)) },
  { name: 'renameBoard', weight: 1, run: (world) => renameBoard(world) },
  { name: 'disconnect', weight: 3, run: (world) => disconnect(world) },
  { name: 'reconnect', weight: 4, run: (world) => reconnect(world) },
  { name: 'lockBoard', weight: 3, run: (world) => lockBoard(world) },
  { name: 'ownItemsOnly', weight: 2, run: (world) => ownItemsOnly(world) },
  { name: 'yield', weight: 12, run: async (world) => (await world.yieldToNetwork(), true) },
  { name: 'settle', weight: 2, run: async (world) => (await world.settle(), true) },
  // Forged and invalid updates sent as an attacker would (forgedActions.ts).
  ...forgedActions,
]

/** Draws an action by weight. */
export function drawAction(world: FuzzWorld, actions: readonly FuzzAction[] = fuzzActions): FuzzAction {
  const total = actions.reduce((sum, action) => sum + action.weight, 0)
  let r = world.random() * total
  for (const action of actions) {
    r -= action.weight
    if (r < 0) return action
  }
  return actions[actions.length - 1]!
}

function anyActor(world: FuzzWorld): Actor {
  return world.pick(world.actors)!
}

function participant(world: FuzzWorld): Actor {
  return world.pick(world.actors.filter((actor) => actor.role === 'participant'))!
}

function itemsOf(actor: Actor): ItemRecord[] {
  return [...getWorkshopMaps(actor.client.doc).items.values()].map((map) => readRecord(map) as unknown as ItemRecord)
}

/**
 * An item to change: half the time one this actor may not change now (on a locked board, or
 * someone else's while "only their own" is on), so refusals race the edits that stand.
 */
function target<T extends ItemRecord>(world: FuzzWorld, actor: Actor, candidates: readonly T[]): T | undefined {
  if (world.chance(0.5)) {
    const forbidden = candidates.filter((item) => world.predict(actor, [{ id: item.id, boardId: item.boardId, before: true }], {}).expect === 'refused')
    if (forbidden.length > 0) return world.pick(forbidden)
  }
  return world.pick(candidates)
}

function context(world: FuzzWorld, actor: Actor, boardId: string) {
  return { boardId, newId: () => world.newId(actor), now: FUZZ_TIME + world.ledger.step }
}

function addNote(world: FuzzWorld, actor: Actor): boolean {
  const boardId = world.pick(world.boardIds.canvas)!
  const existing = itemsOf(actor).filter((item): item is NoteRecord => item.kind === 'note' && item.boardId === boardId)
  const at = placeNewNote({ x: Math.floor(world.random() * 2000), y: Math.floor(world.random() * 1200) }, { w: 160, h: 160 }, existing)
  const note: NoteRecord = {
    id: world.newId(actor),
    kind: 'note',
    boardId,
    ...at,
    w: 160,
    h: 160,
    color: world.pick(noteColors)!,
    text: world.uniqueText(actor, 'note'),
    createdAt: FUZZ_TIME + world.ledger.step,
    sdgs: [],
    dimension: '',
  }
  world.applyPlan(actor, 'addNote', { createItems: [note] }, note.id)
  return true
}

function addArrow(world: FuzzWorld, actor: Actor): boolean {
  const boardId = world.pick(world.boardIds.canvas)!
  const bindable = itemsOf(actor).filter((item) => item.boardId === boardId && canBindTo(item as CanvasItem))
  const from = world.pick(bindable)
  if (!from) return false
  const to = world.pick(bindable.filter((item) => item.id !== from.id))
  const connector: ConnectorRecord = {
    id: world.newId(actor),
    kind: 'connector',
    boardId,
    from: { itemId: from.id },
    to: to ? { itemId: to.id } : { x: 10, y: 10 },
    relation: '',
    arrowhead: 'end',
    color: '#333333',
    createdAt: FUZZ_TIME + world.ledger.step,
  }
  world.applyPlan(actor, 'addArrow', { createItems: [connector] }, `${connector.id} ${from.id}->${to?.id ?? 'point'}`)
  return true
}

function editText(world: FuzzWorld, actor: Actor): boolean {
  const item = target(world, actor, itemsOf(actor).filter((i) => i.kind === 'note' || i.kind === 'card'))
  if (!item) return false
  world.applyPlan(actor, 'editText', { updateItems: [{ id: item.id, patch: { text: world.uniqueText(actor, 'text') } }] }, item.id)
  return true
}

function moveItems(world: FuzzWorld, actor: Actor): boolean {
  const boardId = world.pick(world.boardIds.canvas)!
  const onBoard = itemsOf(actor).filter((item): item is CanvasItem => item.boardId === boardId && item.kind !== 'card')
  const first = target(world, actor, onBoard)
  if (!first) return false
  const ids = new Set([first.id, ...onBoard.filter(() => world.chance(0.15)).map((item) => item.id)])
  const plan = planMoveItems(onBoard, ids, Math.floor(world.random() * 200) - 100, Math.floor(world.random() * 200) - 100 || 1)
  return world.applyPlan(actor, 'moveItems', plan, [...ids].join(',')) !== null
}

function deleteItems(world: FuzzWorld, actor: Actor): boolean {
  const boardId = world.pick(world.boardIds.canvas)!
  const onBoard = itemsOf(actor).filter((item): item is CanvasItem => item.boardId === boardId && item.kind !== 'card')
  const first = target(world, actor, onBoard)
  if (!first) return false
  const ids = new Set([first.id, ...onBoard.filter(() => world.chance(0.1)).map((item) => item.id)])
  return world.applyPlan(actor, 'deleteItems', planDeleteItems(onBoard, ids), [...ids].join(',')) !== null
}

/** A delete straight on the Yjs map, without a plan (no bound arrows go with it). */
function rawDelete(world: FuzzWorld, actor: Actor): boolean {
  const item = target(world, actor, itemsOf(actor))
  if (!item) return false
  const items = getWorkshopMaps(actor.client.doc).items
  world.change(actor, { action: 'rawDelete', detail: item.id, deletes: [item.id], touches: [{ id: item.id, boardId: item.boardId, before: true }] }, () =>
    actor.client.doc.transact(() => items.delete(item.id)),
  )
  return true
}

function challengeState(world: FuzzWorld, actor: Actor) {
  const items = itemsOf(actor).filter((item) => item.boardId === world.boardIds.challenge)
  return {
    cards: items.filter((item): item is CardRecord => item.kind === 'card'),
    connectors: items.filter((item): item is ConnectorRecord => item.kind === 'connector'),
  }
}

function addCard(world: FuzzWorld, actor: Actor): boolean {
  const { cards } = challengeState(world, actor)
  const plan = planAddCard(cards, world.pick(cardLanes)!, world.uniqueText(actor, 'card'), context(world, actor, world.boardIds.challenge))
  world.applyPlan(actor, 'addCard', plan, plan.createItems![0]!.id)
  return true
}

function moveCard(world: FuzzWorld, actor: Actor): boolean {
  const { cards, connectors } = challengeState(world, actor)
  const card = target(world, actor, cards)
  if (!card) return false
  const lane = world.chance(0.5) ? card.lane : world.pick(cardLanes)!
  const plan = planMoveCard(cards, connectors, card.id, lane, Math.floor(world.random() * (cards.length + 1)))
  return world.applyPlan(actor, 'moveCard', plan, `${card.id} -> ${lane}`) !== null
}

function linkCards(world: FuzzWorld, actor: Actor): boolean {
  const { cards, connectors } = challengeState(world, actor)
  const a = world.pick(cards)
  const b = world.pick(cards.filter((card) => card.lane !== a?.lane))
  if (!a || !b) return false
  const plan = planLink(cards, connectors, a.id, b.id, context(world, actor, world.boardIds.challenge))
  if ('error' in plan) return false
  world.applyPlan(actor, 'linkCards', plan, `${a.id}-${b.id}`)
  return true
}

function deleteCard(world: FuzzWorld, actor: Actor): boolean {
  const { cards, connectors } = challengeState(world, actor)
  const card = target(world, actor, cards)
  if (!card) return false
  world.applyPlan(actor, 'deleteCard', planDeleteCard(connectors, card.id), card.id)
  return true
}

/** Anyone writing the session map (only the server may): unlocking, switching "only their own", or a marked value. */
function forgeSession(world: FuzzWorld, actor: Actor): boolean {
  const session = getWorkshopMaps(actor.client.doc).session
  const marker = `forged-${world.newId(actor)}`
  const variants: [string, () => void, string[]][] = [
    ['unlock every board', () => session.set('lockedBoards', []), []],
    ['flip only their own', () => session.set('ownItemsOnly', !world.session.ownItemsOnly), []],
    ['set the prompt', () => session.set('prompt', { boardId: '', lane: '', question: marker }), [marker]],
    ['add a field', () => session.set(marker, true), [marker]],
  ]
  const [detail, write, forged] = world.pick(variants)!
  world.change(actor, { action: 'forgeSession', detail, forged, roots: { session: true }, touches: [] }, () => actor.client.doc.transact(write))
  return true
}

/** A participant renaming a board or the workshop: only facilitators may. */
function forgeTitle(world: FuzzWorld, actor: Actor, map: 'boards' | 'meta'): boolean {
  const maps = getWorkshopMaps(actor.client.doc)
  const record = map === 'meta' ? maps.meta : maps.boards.get(world.pick([...world.boardIds.canvas, world.boardIds.challenge])!)
  if (!record) return false
  const id = map === 'meta' ? '' : String(record.get('id'))
  const value = world.uniqueText(actor, 'title')
  const prev = record.get('title')
  world.change(
    actor,
    {
      action: map === 'meta' ? 'forgeWorkshopTitle' : 'forgeBoardTitle',
      detail: id,
      writes: [{ slot: slotOf(map, id, 'title'), value, prev: typeof prev === 'string' ? prev : undefined }],
      roots: map === 'meta' ? { meta: true } : { boards: true },
      touches: [],
    },
    () => actor.client.doc.transact(() => record.set('title', value)),
  )
  return true
}

/**
 * A text far over any record's maximum written straight into the document (as a hostile client
 * could), online: the server refuses the whole update as invalid whoever sends it, and undoes it;
 * what else is in flight then races the refusal.
 */
async function invalidText(world: FuzzWorld, actor: Actor): Promise<boolean> {
  if (!actor.online) return false
  const item = world.pick(itemsOf(actor))
  const map = item ? getWorkshopMaps(actor.client.doc).items.get(item.id) : undefined
  if (!item || !map) return false
  const prev = map.get('text')
  const value = world.uniqueText(actor, 'invalid') + 'x'.repeat(5000)
  world.change(
    actor,
    {
      action: 'invalidText',
      detail: item.id,
      edits: [item.id],
      writes: [{ slot: slotOf('items', item.id, 'text'), value, prev: typeof prev === 'string' ? prev : undefined }],
      roots: { invalid: true },
      touches: [],
    },
    () => actor.client.doc.transact(() => map.set('text', value)),
  )
  // Until the undo is back the actor's own copy holds the invalid text, which its planners refuse to build on.
  await world.settle()
  return true
}

function renameBoard(world: FuzzWorld): boolean {
  const facilitator = world.actors.find((actor) => actor.role === 'facilitator')!
  const id = world.pick([...world.boardIds.canvas, world.boardIds.challenge])!
  world.applyPlan(facilitator, 'renameBoard', { updateBoards: [{ id, patch: { title: world.uniqueText(facilitator, 'board') } }] }, id)
  return true
}

function disconnect(world: FuzzWorld): boolean {
  const actor = world.pick(world.actors.filter((a) => a.online))
  if (!actor) return false
  world.disconnect(actor)
  return true
}

async function reconnect(world: FuzzWorld): Promise<boolean> {
  const actor = world.pick(world.actors.filter((a) => !a.online))
  if (!actor) return false
  await world.reconnect(actor)
  return true
}

async function lockBoard(world: FuzzWorld): Promise<boolean> {
  const boardId = world.pick([...world.boardIds.canvas, world.boardIds.challenge])!
  const locked = !world.session.lockedBoards.has(boardId)
  await world.command(async (panel) => panel.call({ type: 'board.lock', boardId, locked }), world.chance(0.5))
  if (locked) world.session.lockedBoards.add(boardId)
  else world.session.lockedBoards.delete(boardId)
  return true
}

async function ownItemsOnly(world: FuzzWorld): Promise<boolean> {
  const enabled = !world.session.ownItemsOnly
  await world.command(async (panel) => panel.call({ type: 'ownItems.set', enabled }), world.chance(0.5))
  world.session.ownItemsOnly = enabled
  return true
}
