import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getWorkshopMaps, readRecord } from '../../../shared/doc/workshopDoc'
import { sessionFields } from '../../../shared/schema/records/sessionHistory'
import { validateBoard, validateItem } from '../../../shared/schema/schema'
import { TestResources } from '../helpers'
import { holds, storedBytes } from '../trustAttacks'
import { drawAction } from './fuzzActions'
import { contentOf, facilitatorOnlyFields, FuzzWorld, slotValue } from './FuzzWorld'

/**
 * A seeded fuzz of workshop records through the server's guard (README.md beside this file): a
 * facilitator, three participants and the facilitator's panel edit one workshop with the shared
 * planners, raw Yjs writes the rules refuse, deletes racing edits, commands (locks, "only their
 * own") racing both, and disconnects with offline edits. At the end every client and the reopened
 * server hold the same records, no refused change is anywhere, and nothing acknowledged is lost.
 *
 * Replay one seed, or run longer: FUZZ_SEEDS=7,12 FUZZ_STEPS=400 npx vitest run tests/server/fuzz
 */
const seeds = process.env.FUZZ_SEEDS ? process.env.FUZZ_SEEDS.split(',').map(Number) : Array.from({ length: 20 }, (_, i) => i + 1)
const steps = Number(process.env.FUZZ_STEPS ?? 80)
/** Runs each seed this many times: a run's races depend on timing too, so a failure may need a few tries to come back. */
const repeat = Number(process.env.FUZZ_REPEAT ?? 1)
const runs = seeds.flatMap((seed) => Array.from({ length: repeat }, () => seed))

const resources = new TestResources()
afterEach(() => resources.dispose())

const totals: Record<string, number> = {}

describe('workshop records through the guard, fuzzed', () => {
  it.each(runs)('seed %i: clients and the reopened server converge; nothing refused stands, nothing acknowledged is lost', async (seed) => {
    const world = await FuzzWorld.create({ seed, resources, participants: 3 })
    for (let step = 1; step <= steps; step++) {
      world.ledger.step = step
      for (let attempt = 0; attempt < 5; attempt++) if (await drawAction(world).run(world)) break
    }

    world.ledger.step = steps + 1
    for (const actor of world.actors) if (!actor.online) await world.reconnect(actor)
    await world.settle()
    const final = contentOf(world.panel.doc)
    for (const actor of world.actors) {
      expect(contentOf(actor.client.doc), `${world.where()}: ${actor.name} holds what the panel holds`).toEqual(final)
      expect(Y.encodeStateVector(actor.client.doc), `${world.where()}: ${actor.name}'s state vector`).toEqual(Y.encodeStateVector(world.panel.doc))
    }

    // The session is what the commands made it, whatever was forged.
    const session = getWorkshopMaps(world.panel.doc).session.toJSON() as Record<string, unknown>
    expect([...((session.lockedBoards as string[] | undefined) ?? [])].sort(), `${world.where()}: locked boards`).toEqual([...world.session.lockedBoards].sort())
    expect(session.ownItemsOnly ?? false, `${world.where()}: only their own`).toBe(world.session.ownItemsOnly)
    expect(session.moderation ?? false, `${world.where()}: moderation was never switched on`).toBe(false)
    expect(Object.keys(session).filter((key) => !(sessionFields as string[]).includes(key)), `${world.where()}: unknown session fields`).toEqual([])

    const reopened = await world.reopen()
    expect(contentOf(reopened), `${world.where()}: the reopened server holds what every client held`).toEqual(final)
    expect(Y.encodeStateVector(reopened), `${world.where()}: the reopened server's state vector`).toEqual(Y.encodeStateVector(world.panel.doc))

    // Nothing forged or invalid reached another client, a joiner (the reopened server's whole state) or a stored row.
    expect(facilitatorOnlyFields(reopened), `${world.where()}: what only facilitators change`).toEqual(world.facilitatorOnly)
    const stored = [...storedBytes(world.dataDir), Y.encodeStateAsUpdate(reopened)]
    for (const forgery of world.forgeries) {
      const others = [{ name: 'panel', client: world.panel }, ...world.actors.filter((actor) => !(forgery.own && actor.name === forgery.actor))]
      const saw = others.filter(({ client }) => client.received(forgery.marker)).map(({ name }) => name)
      expect(saw, `seed ${seed}, step ${forgery.step}: ${forgery.actor}'s ${forgery.action} ("${forgery.marker}") reached other clients`).toEqual([])
      expect(holds(stored, forgery.marker), `seed ${seed}, step ${forgery.step}: ${forgery.actor}'s ${forgery.action} ("${forgery.marker}") is stored or sent to a joiner`).toBe(false)
    }
    totals.forgeries = (totals.forgeries ?? 0) + world.forgeries.length
    totals.staleMaps = (totals.staleMaps ?? 0) + world.stale

    const { boards, items } = getWorkshopMaps(reopened)
    const invalid = [...[...boards.values()].map((map) => validateBoard(readRecord(map))), ...[...items.values()].map((map) => validateItem(readRecord(map)))].flatMap((result) => (result.ok ? [] : [result.error]))
    expect(invalid, `${world.where()}: every record is valid`).toEqual([])

    world.ledger.checkFinal({ items: new Set(items.keys()), value: (slot) => slotValue(reopened, slot) })
    const violations = world.ledger.violations.map((violation) => `seed ${seed}, step ${violation.step}: ${violation.message}`)
    const involved = [...new Set(world.ledger.violations.flatMap((violation) => [...violation.message.matchAll(/(?:item |items\/|boards\/)([A-Za-z0-9_-]+)/g)].map((m) => m[1]!)))]
    const history = involved.map((id) => `${id}:\n  ${world.ledger.actsOn(id).join('\n  ')}`).join('\n')
    expect(violations, `replay with FUZZ_SEEDS=${seed} FUZZ_STEPS=${steps}\n${history}`).toEqual([])

    for (const [key, count] of Object.entries(world.ledger.summary())) totals[key] = (totals[key] ?? 0) + count
  })

  // The runs above must have tested something: refusals, edits that stood, and what others saw.
  afterAll(() => {
    console.info(`guard fuzz, ${seeds.length} seeds x ${steps} steps: ${JSON.stringify(totals)}`)
    if (seeds.length < 5) return
    expect(totals.refused, JSON.stringify(totals)).toBeGreaterThan(0)
    expect(totals.accepted, JSON.stringify(totals)).toBeGreaterThan(0)
    expect(totals.seenValues, JSON.stringify(totals)).toBeGreaterThan(0)
    expect(totals.seenDeletions, JSON.stringify(totals)).toBeGreaterThan(0)
    expect(totals.forgeries, JSON.stringify(totals)).toBeGreaterThan(0)
  })
})
