import { isDeepStrictEqual } from 'node:util'
import * as Y from 'yjs'
import { applyPlan } from '../../../shared/doc/applyPlan'
import { getWorkshopMaps, readRecord } from '../../../shared/doc/workshopDoc'
import type { DocumentPlan } from '../../../shared/logic/plan'
import { planAddBoard } from '../../../shared/logic/templates'
import type { SamskapServer } from '../../../server/createSamskapServer'
import {
  connectControl,
  createWorkshopWithAccess,
  joinWorkshop,
  sameState,
  seededRandom,
  synced,
  waitFor,
  type ControlClient,
  type TestResources,
} from '../helpers'
import { FuzzLedger, slotOf, type Act, type ClientView, type Expectation, type Slot, type SlotWrite } from './FuzzLedger'

/**
 * A workshop on a real server with a facilitator, participants (each with a personal token from the
 * join code) and the facilitator's panel (a second connection that runs the commands and always
 * stays online), driven step by step by the actions in `fuzzActions.ts`.
 *
 * The world knows what the server's session is (it sent every command and waited for the reply),
 * so it can predict how the guard judges each change (`predict`). When a command is sent without
 * first letting the network settle, changes made since the last settle may be judged under either
 * session: their prediction becomes `unknown`.
 */
export interface Actor {
  name: string
  role: 'facilitator' | 'participant'
  /** The participant id the server knows this person by; null for the facilitator. */
  participantId: string | null
  /** The token it connects with: a forgery is sent under it, on a socket of its own. */
  token: string
  client: ControlClient
  online: boolean
  /** Acts made while offline: the server gets them in one update when the actor reconnects. */
  bundle: { act: Act; touches: readonly Touch[]; roots: Roots }[]
}

/** Changes outside `items`. */
export interface Roots {
  session?: boolean
  /** The change leaves a record invalid (the server's validation refuses it, whoever sends it). */
  invalid?: boolean
  meta?: boolean
  boards?: boolean
}

/** What one change touches, as the guard sees it. */
export interface Touch {
  id: string
  boardId: string
  /** The item was there before (false: the change creates it). */
  before: boolean
}

export interface Change {
  action: string
  detail: string
  creates?: string[]
  deletes?: string[]
  edits?: string[]
  writes?: SlotWrite[]
  forged?: string[]
  roots?: Roots
  touches: Touch[]
}

export const FUZZ_TIME = Date.UTC(2026, 11, 1)

/** A forged or invalid update: its marker (a text only it holds) must reach no other client, no joiner and no stored row. */
export interface Forgery {
  step: number
  actor: string
  action: string
  marker: string
  /** Written on the actor's own document: the refusal gives its author back what it wrote, so only the others are checked. */
  own: boolean
}

export class FuzzWorld {
  readonly ledger = new FuzzLedger()
  readonly actors: Actor[] = []
  readonly random: () => number
  /** The server's session as the commands left it. */
  readonly session = { lockedBoards: new Set<string>(), ownItemsOnly: false }
  readonly forgeries: Forgery[] = []
  /** Records an actor held as a map the server had replaced by a copy, when a forgery wanted to delete in them. */
  stale = 0
  /** Fields only a facilitator changes and the fuzz's facilitator never does: they must end as they began. */
  readonly facilitatorOnly: FacilitatorOnlyFields
  boardIds: { canvas: string[]; challenge: string }
  #pending: Act[] = []
  #ids = 0

  private constructor(
    readonly seed: number,
    readonly resources: TestResources,
    readonly dataDir: string,
    public server: SamskapServer,
    readonly workshopId: string,
    readonly panel: ControlClient,
    readonly facilitatorToken: string,
    boardIds: { canvas: string[]; challenge: string },
  ) {
    this.random = seededRandom(seed)
    this.boardIds = boardIds
    this.facilitatorOnly = facilitatorOnlyFields(panel.doc)
  }

  static async create(options: { seed: number; resources: TestResources; participants: number }): Promise<FuzzWorld> {
    const { resources } = options
    const dataDir = await resources.tempDir('samskap-fuzz-')
    const server = await resources.startServer({ dataDir })
    const created = await createWorkshopWithAccess(server.url, { title: 'Fuzz' })
    const panel = connectControl(resources, server.url, created.id, created.token)
    await synced(panel.provider)
    // Boards: the first canvas, a second canvas and a challenge board, added as the app adds them.
    let n = 0
    const { plan } = planAddBoard({
      choice: 'challengeBoard',
      existingBoards: [...getWorkshopMaps(panel.doc).boards.values()].map((map) => readRecord(map) as { id: string; order: string }),
      titles: { canvas: 'Lerret', stakeholderMap: 'Kart', involvementMatrix: 'Matrise', challengeBoard: 'Utfordringer' },
      newId: () => `board${++n}`,
      now: FUZZ_TIME,
    })
    const second = { id: 'board-canvas2', title: 'Lerret 2', order: 'a9', template: 'canvas' as const, showHelp: false, linkedBoardId: '' }
    applyPlan(panel.doc, { ...plan, createBoards: [...(plan.createBoards ?? []), second] }, null)
    const boards = [...getWorkshopMaps(panel.doc).boards.values()].map((map) => readRecord(map) as { id: string; template: string })
    const boardIds = { canvas: boards.filter((b) => b.template === 'canvas').map((b) => b.id).sort(), challenge: boards.find((b) => b.template === 'challengeBoard')!.id }

    const world = new FuzzWorld(options.seed, resources, dataDir, server, created.id, panel, created.token, boardIds)
    world.#watch('panel', null, panel.doc)
    const facilitator = connectControl(resources, server.url, created.id, created.token)
    world.#addActor({ name: 'fac', role: 'facilitator', participantId: null, token: created.token, client: facilitator, online: true, bundle: [] })
    for (let i = 1; i <= options.participants; i++) {
      const joined = await joinWorkshop(server.url, { code: created.code })
      const client = connectControl(resources, server.url, created.id, joined.token)
      world.#addActor({ name: `p${i}`, role: 'participant', participantId: joined.participantId, token: joined.token, client, online: true, bundle: [] })
    }
    await Promise.all(world.actors.map((actor) => synced(actor.client.provider)))
    await world.settle()
    return world
  }

  #addActor(actor: Actor): void {
    this.actors.push(actor)
    this.#watch(actor.name, actor.name, actor.client.doc)
  }

  #watch(client: string, actor: string | null, doc: Y.Doc): void {
    doc.on('afterTransaction', () => this.ledger.observe(client, actor, viewOf(doc)))
  }

  /** `<actor>-<n>`: unique in the run, valid as a record id. */
  newId(actor: Actor): string {
    return `${actor.name}-${++this.#ids}`
  }

  /** A text no other write has: it names the act that wrote it. */
  uniqueText(actor: Actor, what: string): string {
    return `${what} ${actor.name} s${this.ledger.step} #${++this.#ids}`
  }

  pick<T>(list: readonly T[]): T | undefined {
    return list.length === 0 ? undefined : list[Math.floor(this.random() * list.length)]
  }

  chance(p: number): boolean {
    return this.random() < p
  }

  where(): string {
    return `seed ${this.seed}, step ${this.ledger.step}`
  }

  // ---- changes -------------------------------------------------------------------------------

  /** Applies a plan on the actor's document (the shared write path) and records it as an act. */
  applyPlan(actor: Actor, action: string, plan: DocumentPlan, detail = ''): Act | null {
    const { items, boards } = getWorkshopMaps(actor.client.doc)
    const touches: Touch[] = []
    const writes: SlotWrite[] = []
    const creates = (plan.createItems ?? []).map((item) => item.id)
    const deletes = (plan.deleteItems ?? []).filter((id) => items.has(id))
    const edits = (plan.updateItems ?? []).map(({ id }) => id).filter((id) => items.has(id))
    for (const item of plan.createItems ?? []) {
      touches.push({ id: item.id, boardId: item.boardId, before: false })
      if ('text' in item && typeof item.text === 'string') writes.push({ slot: slotOf('items', item.id, 'text'), value: item.text, prev: undefined })
    }
    for (const id of [...edits, ...deletes]) touches.push({ id, boardId: String(items.get(id)!.get('boardId')), before: true })
    for (const { id, patch } of plan.updateItems ?? []) {
      if (items.has(id) && typeof patch.text === 'string') writes.push({ slot: slotOf('items', id, 'text'), value: patch.text, prev: stringOrUndefined(items.get(id)!.get('text')) })
    }
    for (const { id, patch } of plan.updateBoards ?? []) {
      if (typeof patch.title === 'string') writes.push({ slot: slotOf('boards', id, 'title'), value: patch.title, prev: stringOrUndefined(boards.get(id)?.get('title')) })
    }
    const roots = { boards: (plan.updateBoards ?? []).length + (plan.createBoards ?? []).length + (plan.deleteBoards ?? []).length > 0 }
    if (touches.length === 0 && !roots.boards) return null
    const change: Change = { action, detail, creates, deletes, edits, writes, roots, touches }
    return this.change(actor, change, () => applyPlan(actor.client.doc, plan, null))
  }

  /**
   * Records a change the actor sends on a socket of its own (forgedActions.ts), not through its
   * document: the fuzz settles before and waits for the outcome after, so `expect` is known.
   */
  recordRaw(actor: Actor, change: Change, expect: Expectation): Act {
    return this.ledger.record({
      actor: actor.name,
      targets: {},
      offline: false,
      action: change.action,
      detail: change.detail,
      expect,
      sessionDependent: false,
      creates: change.creates ?? [],
      deletes: change.deletes ?? [],
      edits: change.edits ?? [],
      writes: change.writes ?? [],
      forged: change.forged ?? [],
    })
  }

  /** Records `change` with its predicted outcome, then makes it (`write` changes the actor's document). */
  change(actor: Actor, change: Change, write: () => void): Act {
    const predicted: { expect: Expectation; sessionDependent: boolean } = actor.online ? this.predict(actor, change.touches, change.roots ?? {}) : { expect: 'offline', sessionDependent: true }
    const items = getWorkshopMaps(actor.client.doc).items
    const targets: Record<string, string> = {}
    for (const touch of change.touches) {
      const map = touch.before ? items.get(touch.id) : undefined
      if (map?._item) targets[touch.id] = `${map._item.id.client}:${map._item.id.clock}`
    }
    const act = this.ledger.record({
      actor: actor.name,
      targets,
      offline: !actor.online,
      action: change.action,
      detail: change.detail,
      expect: predicted.expect,
      sessionDependent: predicted.sessionDependent,
      creates: change.creates ?? [],
      deletes: change.deletes ?? [],
      edits: change.edits ?? [],
      writes: change.writes ?? [],
      forged: change.forged ?? [],
    })
    if (actor.online) this.#pending.push(act)
    else actor.bundle.push({ act, touches: change.touches, roots: change.roots ?? {} })
    write()
    return act
  }

  /**
   * How the guard will judge a change made now, from the session the commands left, who added
   * each item and which boards are locked (docs/facilitation.md): the session map is the server's
   * alone; participants change neither `meta` nor `boards`, nothing on a locked board, and with
   * "only their own" nothing someone else added. A change is refused whole when any part is.
   */
  predict(actor: Actor, touches: readonly Touch[], roots: Roots): { expect: Expectation; sessionDependent: boolean } {
    if (roots.session || roots.invalid) return { expect: 'refused', sessionDependent: false }
    const existenceInDoubt = touches.some((touch) => touch.before && !this.ledger.creationKept(touch.id))
    if (actor.role === 'facilitator') return { expect: existenceInDoubt ? 'unknown' : 'accepted', sessionDependent: false }
    if (roots.meta || roots.boards) return { expect: 'refused', sessionDependent: false }
    const verdicts = touches.map((touch): Expectation => {
      if (this.session.lockedBoards.has(touch.boardId)) return 'refused'
      if (!touch.before) return 'accepted'
      if (!this.ledger.creationKept(touch.id)) return 'unknown'
      if (!this.session.ownItemsOnly) return 'accepted'
      const owner = this.ownerOf(touch.id)
      if (owner === 'unknown') return 'unknown'
      return owner === actor.participantId ? 'accepted' : 'refused'
    })
    const expect: Expectation = verdicts.includes('unknown')
      ? 'unknown'
      : verdicts.every((v) => v === 'accepted')
        ? 'accepted'
        : verdicts.every((v) => v === 'refused')
          ? 'refused'
          : // Refused as a whole at the server, unless the refused part was deleted meanwhile.
            'unknown'
    return { expect, sessionDependent: true }
  }

  /** The participant who added an item (null: the facilitator, or the setup), as the server records it. */
  ownerOf(itemId: string): string | null | 'unknown' {
    const creator = this.ledger.creatorOf(itemId)
    if (!creator) return null
    if (!this.ledger.creationKept(itemId)) return 'unknown'
    return this.actors.find((actor) => actor.name === creator.actor)?.participantId ?? null
  }

  // ---- network -------------------------------------------------------------------------------

  /** Waits until the panel and every online actor hold the same document: everything sent is judged, stored and delivered. */
  async settle(): Promise<void> {
    const clients = [this.panel, ...this.actors.filter((actor) => actor.online).map((actor) => actor.client)]
    try {
      await waitFor(
        () => clients.every((client) => client.provider.synced && sameState(client.doc, this.panel.doc) && isDeepStrictEqual(contentOf(client.doc), contentOf(this.panel.doc))),
        'online clients converge',
        15_000,
      )
    } catch (error) {
      const content = contentOf(this.panel.doc)
      const differing = clients.filter((client) => !isDeepStrictEqual(contentOf(client.doc), content) || !sameState(client.doc, this.panel.doc)).length
      throw new Error(`${this.where()}: ${(error as Error).message} (${differing} of ${clients.length - 1} online actors differ from the panel)`)
    }
    this.#pending = []
  }

  /** Lets the network run a little: one event-loop turn, or a few milliseconds. */
  async yieldToNetwork(): Promise<void> {
    if (this.chance(0.5)) await new Promise((resolve) => setImmediate(resolve))
    else await new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(this.random() * 4)))
  }

  /** A command from the panel; without a settle first, changes in flight may be judged under either session. */
  async command(run: (panel: ControlClient) => Promise<{ ok: boolean }>, settleFirst: boolean): Promise<void> {
    if (settleFirst) await this.settle()
    else for (const act of this.#pending) if (act.sessionDependent) act.expect = 'unknown'
    const reply = await run(this.panel)
    if (!reply.ok) throw new Error(`${this.where()}: command failed: ${JSON.stringify(reply)}`)
  }

  disconnect(actor: Actor): void {
    actor.client.provider.disconnect()
    actor.online = false
  }

  /**
   * Reconnects after offline edits. The network settles first, so the server's document and
   * session are known when it judges the one update that carries everything made offline: the
   * bundle's outcome is predicted from them, for all its acts together.
   */
  async reconnect(actor: Actor): Promise<void> {
    await this.settle()
    const bundle = actor.bundle
    if (bundle.length > 0) {
      const present = getWorkshopMaps(this.panel.doc).items
      const created = new Set(bundle.flatMap(({ act }) => act.creates))
      const deleted = new Set(bundle.flatMap(({ act }) => act.deletes))
      const touches = new Map<string, Touch>()
      for (const touch of bundle.flatMap((entry) => entry.touches)) {
        if (created.has(touch.id)) {
          // Made and gone within the bundle: nothing the server sees; made in it: new to the server.
          if (!deleted.has(touch.id)) touches.set(touch.id, { ...touch, before: false })
        } else if (present.has(touch.id)) {
          touches.set(touch.id, touch)
        } // else: gone at the server meanwhile; a change to it changes nothing there.
      }
      const roots = { session: bundle.some((e) => e.roots.session), invalid: bundle.some((e) => e.roots.invalid), meta: bundle.some((e) => e.roots.meta), boards: bundle.some((e) => e.roots.boards) }
      const { expect } = this.predict(actor, [...touches.values()], roots)
      for (const { act } of bundle) act.expect = expect
      actor.bundle = []
    }
    actor.client.provider.connect()
    actor.online = true
    await synced(actor.client.provider)
    await this.settle()
  }

  /** The server's stored document, read by a new client after the server was closed and opened again on the same data directory. */
  async reopen(): Promise<Y.Doc> {
    for (const actor of this.actors) this.disconnect(actor)
    this.panel.provider.disconnect()
    await this.server.close()
    this.server = await this.resources.startServer({ dataDir: this.dataDir })
    const reader = connectControl(this.resources, this.server.url, this.workshopId, this.facilitatorToken)
    await synced(reader.provider)
    return reader.doc
  }
}

export interface FacilitatorOnlyFields {
  boards: Record<string, { template: unknown; showHelp: unknown }>
  language: unknown
}

/** Each board's template and help, and the workshop's language. */
export function facilitatorOnlyFields(doc: Y.Doc): FacilitatorOnlyFields {
  const { boards, meta } = getWorkshopMaps(doc)
  return {
    boards: Object.fromEntries([...boards.entries()].map(([id, map]) => [id, { template: map.get('template'), showHelp: map.get('showHelp') }])),
    language: meta.get('language'),
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** Everything a workshop holds, as plain values. */
export function contentOf(doc: Y.Doc): { meta: unknown; boards: unknown; items: unknown; session: unknown } {
  const { meta, boards, items, session } = getWorkshopMaps(doc)
  return { meta: meta.toJSON(), boards: boards.toJSON(), items: items.toJSON(), session: session.toJSON() }
}

function viewOf(doc: Y.Doc): ClientView {
  const { meta, boards, items, session } = getWorkshopMaps(doc)
  return {
    items: new Map([...items.entries()].map(([id, map]) => [id, { text: map.get('text'), boardId: map.get('boardId') }])),
    boards: new Map([...boards.entries()].map(([id, map]) => [id, { title: map.get('title') }])),
    metaTitle: meta.get('title'),
    session: session.toJSON(),
  }
}

/** Reads a slot of a document (undefined when its record is gone). */
export function slotValue(doc: Y.Doc, slot: Slot): unknown {
  const [map, id, key] = slot.split('/') as ['items' | 'boards' | 'meta', string, string]
  const maps = getWorkshopMaps(doc)
  if (map === 'meta') return maps.meta.get(key)
  return maps[map].get(id)?.get(key)
}
