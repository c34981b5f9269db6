import type { StakeholderRecord } from '../../shared/schema/records/stakeholder'
import { readWorkshop } from './actionsApi'
import type { HttpDeps } from './HttpDeps'

/**
 * How long the take-over route waits to see the take-over: the browser asks right after its local
 * commit, and the update is still on its way over the socket (or being committed by another instance).
 */
export const TAKE_OVER_WITNESS_MS = 5_000
/** Pauses between looks, the last repeated until the time is up. */
const LOOK_AGAIN_MS = [50, 100, 200, 400, 800]

/**
 * The server as witness of a stakeholder take-over (issue 16): true when every stakeholder the
 * browser names is in workshop `workshopId` with `origin` pointing at a stakeholder that is in
 * workshop `from`. Read from the room when it is loaded here, else from storage (every committed
 * change is there, whichever instance made it); looked at again until `waitMs` is up.
 */
export async function witnessTakeOver(
  deps: HttpDeps,
  workshopId: string,
  from: string,
  stakeholderIds: readonly string[],
  waitMs = TAKE_OVER_WITNESS_MS,
): Promise<boolean> {
  const source = await readWorkshop(deps, from)
  if (!source) return false
  const inSource = new Set(source.snapshot.items.filter((i) => i.kind === 'stakeholder').map((i) => i.id))
  const deadline = Date.now() + waitMs
  for (let look = 0; ; look++) {
    const target = await readWorkshop(deps, workshopId)
    if (target && allTakenOver(target.snapshot.items, from, inSource, stakeholderIds)) return true
    const left = deadline - Date.now()
    if (left <= 0) return false
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, LOOK_AGAIN_MS[look] ?? LOOK_AGAIN_MS.at(-1)!)))
  }
}

function allTakenOver(items: readonly { id: string; kind: string }[], from: string, inSource: ReadonlySet<string>, ids: readonly string[]): boolean {
  const byId = new Map(items.map((i) => [i.id, i]))
  return ids.every((id) => {
    const item = byId.get(id)
    if (item?.kind !== 'stakeholder') return false
    const origin = (item as StakeholderRecord).origin
    return origin !== null && origin.workshopId === from && inSource.has(origin.stakeholderId)
  })
}
