/**
 * Splits a Samskap server's V8 CPU profile (BENCH_SAMSKAP_NODE_ARGS="--cpu-prof …") of scenario (e)
 * into the parts of opening and closing a room: a sample goes to the first part in `parts` that any
 * frame of its stack names (so a Yjs apply under the note's handler is the note's), else "other".
 *
 *   node --import tsx bench/profileParts.ts <file.cpuprofile> [--from-ms <ms>] [--to-ms <ms>] [--cap-us 400]
 *
 * Without --from-ms it starts after the last `createWorkshop` sample (the timed churn). V8 samples wall
 * time: a sample taken after the thread was descheduled carries the whole gap, so on a loaded machine
 * --cap-us counts at most that much per sample (the share of each part, not seconds, is the figure).
 */
import { parseArgs } from 'node:util'
import { readCpuProfile } from './lib/cpuProfile'

/** What each part is, by the function names of the server bundle (dist-server/main.mjs) and its chunks. */
const parts: readonly [string, (name: string, file: string) => boolean][] = [
  ['GC (main thread)', (name) => name === '(garbage collector)'],
  ['open: SQLite read of the 3 documents', (name) => name === 'loadDocument'],
  ['open: new Y.Doc ×3 (client id from webcrypto)', (name) => name === '_Doc'],
  ['open: migrate', (name) => name === 'migrateWorkshop'],
  ['history: counts (validated records)', (name) => name === 'readDocRecords'],
  ['history: thin', (name) => name === 'thin'],
  ['history: store', (name) => name === '#background' || name === '#store'],
  ['close: encode (compaction, history)', (name) => name === 'encodeStateAsUpdate' || name === 'storedState'],
  ['search: read, version, entries', (name) => name === '#index'],
  ['search: SQLite write', (name) => name === '#commitQueued' || name === 'replaceWorkshop' || name === 'updateWorkshop'],
  ['writer thread: posting jobs', (name) => name === '#post' || name === 'postMessage'],
  ['writer thread: replies', (name) => name === '#settle'],
  ['the note: apply + trust checks + guard', (name) => name === '#applyClientUpdate'],
  ['open: decode the stored document', (name) => name === 'applyUpdate'],
  ['open: Room, extensions, hooks, loggers', (name) => ['_Room', 'attachExtensions', '#load', 'load', '#loadDocument', '#loadCompanion'].includes(name)],
  ['close: destroy', (name, file) => name === 'destroy' && file.startsWith('main')],
  ['close: unload', (name) => name === 'unload'],
  ['join: token and access row', (name) => name === 'findWorkshop'],
  ['join: connection, welcome', (name) => name === 'addConnection' || name === '#join' || name === '#onConnection'],
  ['messages: sync, awareness, control', (name) => name === 'handleMessage'],
  [
    'sockets: HTTP upgrade, ws frames, close',
    (name) =>
      ['handleUpgrade', 'socketOnData', 'onStreamRead', 'Writable.write', 'close', 'onconnection', 'writev', 'Socket', 'onParserExecute', 'parserOnHeadersComplete'].includes(name),
  ],
]

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'from-ms': { type: 'string' }, 'to-ms': { type: 'string' }, 'cap-us': { type: 'string', default: '400' } },
})

for (const file of positionals) summarise(file)

function summarise(file: string): void {
  const { profile, byId, stack } = readCpuProfile(file)
  const times: number[] = []
  let now = 0
  for (const delta of profile.timeDeltas) times.push((now += delta))
  let fromUs = values['from-ms'] === undefined ? 0 : Number(values['from-ms']) * 1000
  if (values['from-ms'] === undefined) {
    profile.samples.forEach((id, i) => {
      if (stack(id).some((frame) => frame.callFrame.functionName === 'createWorkshop')) fromUs = times[i]!
    })
  }
  const toUs = values['to-ms'] === undefined ? Infinity : Number(values['to-ms']) * 1000
  const capUs = Number(values['cap-us'])
  const byPart = new Map<string, number>()
  let busyUs = 0
  profile.samples.forEach((id, i) => {
    if (times[i]! <= fromUs || times[i]! > toUs || byId.get(id)!.callFrame.functionName === '(idle)') return
    const us = Math.min(profile.timeDeltas[i + 1] ?? 0, capUs)
    busyUs += us
    let best = parts.length
    for (const frame of stack(id)) {
      const fileName = frame.callFrame.url.split('/').pop() ?? ''
      parts.forEach(([, matches], index) => {
        if (index < best && matches(frame.callFrame.functionName, fileName)) best = index
      })
    }
    const part = parts[best]?.[0] ?? 'other (promise and timer machinery, (program), …)'
    byPart.set(part, (byPart.get(part) ?? 0) + us)
  })
  console.log(`\n# ${file}\nfrom ${(fromUs / 1000).toFixed(0)} ms; busy ${(busyUs / 1000).toFixed(0)} ms (samples capped at ${capUs} µs)`)
  for (const [part, us] of [...byPart].sort((a, b) => b[1] - a[1])) {
    console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busyUs).toFixed(1).padStart(5)} %  ${part}`)
  }
}
