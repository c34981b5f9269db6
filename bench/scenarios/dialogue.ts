import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { Command, ServerMessage } from '../../shared/facilitation/commands'
import { messageControl } from '../../shared/protocol'
import { cpuMs, removeData, startServer, type RunningServer, type ServerKind } from '../lib/servers'
import { inBatches, percentile, sleep, until } from '../lib/stats'

export interface DialogueConfig {
  residents: number
  notesEach: number
  dotsEach: number
}

export interface DialogueResult {
  residents: number
  /** POST /api/join with the code, ms. */
  joinP50: number
  joinP99: number
  /** New provider → synced, ms. */
  syncP50: number
  syncP99: number
  /** note.submit (private) → reply, ms. */
  submitP50: number
  submitP99: number
  privateNotes: number
  /** phase.reveal sent → every resident's document holds every note, ms. */
  revealToAllMs: number
  /** vote.cast → reply, ms. */
  castP50: number
  castP99: number
  /** The last dot cast → the facilitator's tally counts every dot, ms. */
  tallyLagMs: number
  /** vote.close sent → every resident has the results, ms. */
  closeToAllMs: number
  /** Whether the results equal the dots cast (every dot counted once). */
  resultsExact: boolean
  serverCpuMs: number
}

/** A provider speaking the control channel, as the app does (`?control=1`). */
class Resident {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  readonly messages: ServerMessage[] = []
  readonly #replies = new Map<string, (message: ServerMessage) => void>()
  #next = 0

  constructor(server: RunningServer, workshopId: string, token: string) {
    this.provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, workshopId, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token, control: '1' },
    })
    this.provider.messageHandlers[messageControl] = (_encoder, decoder) => {
      const message = JSON.parse(decoding.readVarString(decoder)) as ServerMessage
      if (message.type === 'reply') this.#replies.get(message.id)?.(message)
      else this.messages.push(message)
    }
  }

  /** Sends a command; resolves with the round trip in ms (throws on a refused command). */
  call(command: Command): Promise<number> {
    const id = `b${++this.#next}`
    const started = performance.now()
    return new Promise((resolve, reject) => {
      this.#replies.set(id, (reply) => {
        this.#replies.delete(id)
        if (reply.type === 'reply' && reply.ok) resolve(performance.now() - started)
        else reject(new Error(`${command.type}: ${JSON.stringify(reply)}`))
      })
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, messageControl)
      encoding.writeVarString(encoder, JSON.stringify({ ...command, id }))
      this.provider.ws!.send(encoding.toUint8Array(encoder))
    })
  }

  notes(): number {
    let count = 0
    this.doc.getMap<Y.Map<unknown>>('items').forEach((item) => {
      if (item.get('kind') === 'note') count++
    })
    return count
  }

  destroy(): void {
    this.provider.destroy()
    this.doc.destroy()
  }
}

/**
 * (v) A citizen dialogue on one Samskap server: `residents` people join by code (HTTP), connect,
 * write `notesEach` notes each in a private writing phase, the facilitator reveals them all at once,
 * everyone gives `dotsEach` dots, the facilitator closes the vote. Facilitation has no counterpart in
 * the peers, so this runs for Samskap only.
 */
export async function runDialogue(kind: ServerKind, config: DialogueConfig): Promise<DialogueResult> {
  if (kind !== 'samskap') throw new Error('facilitation is Samskap only')
  const server = await startServer(kind)
  const people: Resident[] = []
  try {
    const cpuBefore = cpuMs(server.pid)
    const created = (await (
      await fetch(`${server.httpUrl}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Bench dialogue"}' })
    ).json()) as { id: string; code: string; token: string }
    const facilitator = new Resident(server, created.id, created.token)
    people.push(facilitator)
    if (!(await until(() => facilitator.provider.synced, 30_000))) throw new Error('facilitator did not sync')
    const boardId = [...facilitator.doc.getMap('boards').keys()][0]!

    const joins: number[] = []
    const syncs: number[] = []
    const residents = await inBatches(Array.from({ length: config.residents }), 20, async () => {
      const started = performance.now()
      const response = await fetch(`${server.httpUrl}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: created.code }) })
      if (!response.ok) throw new Error(`join: ${response.status}`)
      const { token } = (await response.json()) as { token: string }
      joins.push(performance.now() - started)
      const connected = performance.now()
      const resident = new Resident(server, created.id, token)
      people.push(resident)
      if (!(await until(() => resident.provider.synced, 30_000))) throw new Error('resident did not sync')
      syncs.push(performance.now() - connected)
      return resident
    })

    await facilitator.call({ type: 'phase.private', boardId, lane: '', facilitatorSees: false })
    await until(() => residents.every((r) => r.doc.getMap('session').get('phase') !== undefined), 30_000)
    const submits: number[] = []
    await inBatches(residents, config.residents, async (resident, index) => {
      for (let n = 0; n < config.notesEach; n++) {
        submits.push(await resident.call({ type: 'note.submit', noteId: `r${index}n${n}`, text: `Innspill ${n} fra beboer ${index}` }))
      }
    })
    const total = config.residents * config.notesEach

    const revealStarted = performance.now()
    await facilitator.call({ type: 'phase.reveal' })
    const revealed = await until(() => residents.every((r) => r.notes() === total), 60_000, 10)
    const revealToAllMs = revealed ? performance.now() - revealStarted : NaN

    await facilitator.call({ type: 'vote.open', boardId, lane: '', votesPerPerson: config.dotsEach, maxPerItem: 2, hidden: false })
    await until(() => residents.every((r) => (r.doc.getMap('session').get('vote') as { status?: string } | undefined)?.status === 'open'), 30_000)
    const noteIds = [...facilitator.doc.getMap<Y.Map<unknown>>('items').keys()]
    const casts: number[] = []
    const expected: Record<string, number> = {}
    await inBatches(residents, config.residents, async (resident, index) => {
      for (let d = 0; d < config.dotsEach; d++) {
        const itemId = noteIds[(index * 7 + d * 13) % noteIds.length]!
        casts.push(await resident.call({ type: 'vote.cast', itemId }))
        expected[itemId] = (expected[itemId] ?? 0) + 1
      }
    })
    const lastCast = performance.now()
    const dots = config.residents * config.dotsEach
    const tallied = await until(() => facilitator.messages.some((m) => m.type === 'tally' && m.dots === dots), 30_000)
    const tallyLagMs = tallied ? performance.now() - lastCast : NaN

    const closeStarted = performance.now()
    await facilitator.call({ type: 'vote.close' })
    const results = (r: Resident) => (r.doc.getMap('session').get('vote') as { status?: string; results?: Record<string, number> } | undefined)
    const closed = await until(() => residents.every((r) => results(r)?.status === 'closed'), 30_000, 10)
    const closeToAllMs = closed ? performance.now() - closeStarted : NaN
    const got = results(facilitator)?.results ?? {}
    const resultsExact = Object.keys(expected).length === Object.keys(got).length && Object.entries(expected).every(([id, n]) => got[id] === n)

    return {
      residents: config.residents,
      joinP50: percentile(joins, 50),
      joinP99: percentile(joins, 99),
      syncP50: percentile(syncs, 50),
      syncP99: percentile(syncs, 99),
      submitP50: percentile(submits, 50),
      submitP99: percentile(submits, 99),
      privateNotes: total,
      revealToAllMs,
      castP50: percentile(casts, 50),
      castP99: percentile(casts, 99),
      tallyLagMs,
      closeToAllMs,
      resultsExact,
      serverCpuMs: cpuMs(server.pid) - cpuBefore,
    }
  } finally {
    for (const person of people) person.destroy()
    await sleep(100)
    await server.stop()
    await removeData(server)
  }
}
