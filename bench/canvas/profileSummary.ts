/** A V8 CPU profile as the DevTools protocol's `Profiler.stop` returns it (only the fields used here). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]
  samples?: number[]
  timeDeltas?: number[]
}

export interface ProfileRow {
  name: string
  ms: number
  share: number
}

export interface ProfileSummary {
  totalMs: number
  byFunction: ProfileRow[]
  byModule: ProfileRow[]
  byPackage: ProfileRow[]
}

/**
 * Self time per function and per source module. `sources` maps a script url to its text: an
 * unminified Vite 8 (rolldown) bundle starts each module with a `// <path>` line, which lets a bundle
 * line be traced back to konva, react-dom, yjs or the app's own files without source maps.
 */
export function summarizeProfile(profile: CpuProfile, sources: ReadonlyMap<string, string>, top = 15): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]))
  const regions = new Map([...sources].map(([url, text]) => [url, regionsByLine(text)]))
  const byFunction = new Map<string, number>()
  const byModule = new Map<string, number>()
  const byPackage = new Map<string, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  let total = 0
  for (let i = 0; i < samples.length; i++) {
    const frame = nodes.get(samples[i]!)
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000
    if (!frame) continue
    total += ms
    const module = frame.url ? (regions.get(frame.url)?.[frame.lineNumber] ?? shortUrl(frame.url)) : frame.functionName || '(native)'
    const name = `${frame.functionName || '(anonymous)'}${frame.url ? ` [${module}]` : ''}`
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms)
    byModule.set(module, (byModule.get(module) ?? 0) + ms)
    const pkg = frame.url ? packageOf(module) : module.startsWith('(') ? module : 'browser built-ins (canvas 2D, DOM)'
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms)
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: total > 0 ? ms / total : 0 }))
  return { totalMs: total, byFunction: rows(byFunction), byModule: rows(byModule), byPackage: rows(byPackage) }
}

/** For each line of a bundle, the module it came from (`node_modules/konva/lib/Shape.js` → `konva/lib/Shape.js`). */
function regionsByLine(text: string): string[] {
  const out: string[] = []
  let current = '(bundle)'
  for (const line of text.split('\n')) {
    const match = /^\/\/(?:#region)? ((?:\.\.\/)*[\w@./-]+\.(?:[cm]?js|tsx?|jsx|json))$/.exec(line)
    if (match) current = match[1]!.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '')
    out.push(current)
  }
  return out
}

/** `konva/lib/shapes/Text.js` → `konva`; `client/src/canvas/NoteNode.tsx` → `client/src/canvas`. */
function packageOf(module: string): string {
  if (module.startsWith('(')) return module
  const parts = module.split('/')
  if (parts[0] === 'client' || parts[0] === 'shared') return parts.slice(0, 3).join('/')
  return parts[0]!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

function shortUrl(url: string): string {
  return url.replace(/^.*\//, '')
}
