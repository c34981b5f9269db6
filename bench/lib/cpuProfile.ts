import { readFileSync } from 'node:fs'

/** One node of a V8 CPU profile (`node --cpu-prof`): a function at one place in the call tree. */
export interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

export interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

/** A `.cpuprofile` read, with its nodes by id and each sample's stack (innermost frame first). */
export function readCpuProfile(file: string): { profile: CpuProfile; byId: Map<number, ProfileNode>; stack: (id: number) => ProfileNode[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const stack = (id: number): ProfileNode[] => {
    const frames: ProfileNode[] = []
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at)!)
    return frames
  }
  return { profile, byId, stack }
}
