import type { IncomingMessage, ServerResponse } from 'node:http'
import type { StakeholderRegisterWorkshop } from '../../shared/followup/stakeholderRegister'
import { sortByOrder } from '../../shared/logic/boardOrder'
import { WORKSHOP_ID_PATTERN } from '../../shared/protocol'
import { readWorkshop } from './actionsApi'
import type { HttpDeps } from './HttpDeps'
import { sendJson } from './httpResponses'

/**
 * `GET /api/stakeholders?except=<workshopId>`: the stakeholder register that grows (issue 17). The
 * stakeholder maps of every workshop the signed-in person may see (`deps.workshopsVisibleTo`:
 * owned and co-facilitated, an administrator's all), with their groups and stakeholders (contact,
 * plan row, tags), newest workshop first; `except` (the workshop asking) and workshops without a
 * stakeholder are left out. The map takes over from here with `planTakeOverStakeholders` in the
 * browser, through the validated plan path; nothing is written by this route. A workshop token
 * opens nothing here: the staff session decides.
 */
export async function listStakeholders(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const visible = await deps.workshopsVisibleTo(request)
  if (!visible) return sendJson(response, 401, { error: 'Sign in to see the stakeholders of your workshops', code: 'signInRequired' })
  const except = new URL(request.url ?? '/', 'http://localhost').searchParams.get('except')
  if (except !== null && !WORKSHOP_ID_PATTERN.test(except)) return sendJson(response, 400, { error: 'except must be a workshop id', code: 'badQuery' })
  const workshops: StakeholderRegisterWorkshop[] = []
  for (const workshopId of visible.workshopIds) {
    if (workshopId === except) continue
    const row = await deps.persistence.getWorkshop(workshopId)
    if (!row) continue
    const read = await readWorkshop(deps, workshopId)
    if (!read) continue
    const boards = sortByOrder(read.snapshot.boards).filter((b) => b.template === 'stakeholderMap')
    const boardIds = new Set(boards.map((b) => b.id))
    const items = read.snapshot.items.filter((i) => (i.kind === 'stakeholder' || i.kind === 'stakeholderGroup') && boardIds.has(i.boardId))
    if (!items.some((i) => i.kind === 'stakeholder')) continue
    workshops.push({ workshopId, title: read.snapshot.meta.title, createdAt: row.createdAt, snapshot: { meta: read.snapshot.meta, boards, items } })
  }
  workshops.sort((a, b) => b.createdAt - a.createdAt || a.title.localeCompare(b.title))
  sendJson(response, 200, { workshops })
}
