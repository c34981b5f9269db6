import type { IncomingMessage, ServerResponse } from 'node:http'
import { nanoid } from 'nanoid'
import * as v from 'valibot'
import { parseWorkshopExport, toWorkshopExport } from '../../shared/export/workshopJson'
import { TEMPLATE_MAX_BYTES, TEMPLATE_NAME_MAX, templateOf, type TemplateContent, type TemplateSummary } from '../../shared/followup/workshopTemplate'
import type { WorkshopMetaRecord } from '../../shared/schema/records/workshopMeta'
import type { StaffRow } from '../staff/StaffStorage'
import { auditActor, recordAudit } from '../staff/auditLog'
import type { TemplateRow } from '../templates/TemplateStore'
import { readWorkshop } from './actionsApi'
import { decodeParam, type HttpDeps } from './HttpDeps'
import { readJsonBody, sendJson } from './httpResponses'

const SAVE_BODY_LIMIT = 2 * 1024
/** Per person: a template list is for choosing from, not an archive. */
export const TEMPLATES_PER_PERSON = 100

const saveBody = v.strictObject({ name: v.string() })

/**
 * Templates of one's own are for staff: a template is shared with colleagues under its maker's
 * name, so it needs a person behind it. Without sign-in (the embedded mode, or a creation key)
 * nobody is known, and every template route answers 401 `signInRequired`: "new workshop" offers
 * the built-in choices only.
 */
async function signedInStaff(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<StaffRow | null> {
  const staff = await deps.staff.staffOf(request)
  if (!staff) sendJson(response, 401, { error: 'Sign in to use templates', code: 'signInRequired' })
  return staff
}

/** `GET /api/templates`: every template on this server, newest first, for any signed-in staff member. */
export async function listTemplates(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const staff = await signedInStaff(request, response, deps)
  if (!staff) return
  const rows = await deps.templates.list()
  const makers = new Map((await deps.staff.storage.getStaffMany(rows.map((row) => row.createdBy))).map((person) => [person.id, person.name]))
  const templates: TemplateSummary[] = rows.map((row) => ({
    id: row.id,
    name: row.name,
    language: row.language,
    createdBy: row.createdBy,
    createdByName: makers.get(row.createdBy) ?? null,
    createdAt: row.createdAt,
    boards: row.boards,
    mayDelete: row.createdBy === staff.id || staff.isAdmin,
  }))
  sendJson(response, 200, { templates })
}

/**
 * `POST /api/workshops/<id>/template` {name}: saves the workshop's boards as a template (shared
 * `templateOf`: no residents' notes, drawings or photos; actions start afresh). Only the
 * workshop's staff may. Stored as a workshop JSON export and checked by the same parser an import
 * uses before it is stored, so nothing the validators refuse is ever offered.
 */
export async function saveTemplate(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [rawId]: readonly string[]): Promise<void> {
  const staff = await signedInStaff(request, response, deps)
  if (!staff) return
  const workshopId = decodeParam(rawId)
  if (workshopId === null || !(await deps.persistence.getWorkshop(workshopId))) return sendJson(response, 404, { error: 'Workshop not found', code: 'workshopNotFound' })
  const visible = await deps.workshopsVisibleTo(request)
  if (!visible?.workshopIds.includes(workshopId)) {
    return sendJson(response, 403, { error: 'Only the staff of this workshop can save it as a template', code: 'notYourWorkshop' })
  }
  const body = await readJsonBody(request, response, SAVE_BODY_LIMIT)
  if (!body.ok) return
  const parsed = v.safeParse(saveBody, body.value)
  const name = parsed.success ? parsed.output.name.trim() : ''
  if (name === '' || name.length > TEMPLATE_NAME_MAX) {
    return sendJson(response, 400, { error: `Give the template a name of 1 to ${TEMPLATE_NAME_MAX} characters`, code: 'badTemplateName' })
  }
  const own = (await deps.templates.list()).filter((row) => row.createdBy === staff.id)
  if (own.length >= TEMPLATES_PER_PERSON) {
    return sendJson(response, 409, { error: `At most ${TEMPLATES_PER_PERSON} templates per person: delete one first`, code: 'tooManyTemplates' })
  }
  const source = await readWorkshop(deps, workshopId)
  if (!source) return sendJson(response, 409, { error: 'The workshop could not be read', code: 'unreadable' })
  const now = Date.now()
  const content = templateOf(source.snapshot)
  const id = nanoid()
  const meta: WorkshopMetaRecord = { title: name, language: source.snapshot.meta.language, createdAt: now }
  const stored = JSON.stringify(toWorkshopExport({ meta, ...content }, id, new Date(now)))
  if (Buffer.byteLength(stored) > TEMPLATE_MAX_BYTES) {
    return sendJson(response, 413, { error: `A template can be at most ${TEMPLATE_MAX_BYTES / 1024 / 1024} MB`, code: 'templateTooBig' })
  }
  const check = readTemplate(stored, now)
  if (!check.ok) return sendJson(response, 409, { error: check.error, code: 'templateInvalid' })
  const row: TemplateRow = { id, name, language: meta.language, createdBy: staff.id, createdAt: now, boards: content.boards.length, body: stored }
  await deps.templates.insert(row)
  deps.log.info({ templateId: id, workshopId, staffId: staff.id, items: content.items.length }, 'template saved')
  await recordAudit(deps.staff.storage, deps.log, { workshopId, action: 'templateSaved', actor: auditActor(staff), detail: id })
  const summary: TemplateSummary = { ...row, createdByName: staff.name, mayDelete: true }
  const { body: _body, ...answer } = summary as TemplateSummary & { body?: string }
  sendJson(response, 201, answer)
}

/** `POST /api/templates/<id>/delete`: its maker or an administrator deletes it; workshops made from it stay. */
export async function deleteTemplate(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [rawId]: readonly string[]): Promise<void> {
  const staff = await signedInStaff(request, response, deps)
  if (!staff) return
  const id = decodeParam(rawId)
  const row = id === null ? undefined : await deps.templates.get(id)
  if (!row) return sendJson(response, 404, { error: 'Template not found', code: 'templateNotFound' })
  if (row.createdBy !== staff.id && !staff.isAdmin) {
    return sendJson(response, 403, { error: 'Only its maker or an administrator can delete a template', code: 'notYourTemplate' })
  }
  await deps.templates.delete(row.id)
  deps.log.info({ templateId: row.id, staffId: staff.id }, 'template deleted')
  sendJson(response, 200, { deleted: row.id })
}

export type TemplateRead = { ok: true; language: string; content: TemplateContent } | { ok: false; error: string }

/**
 * A stored template as records a new workshop starts with: migrated and validated as an import is
 * (a template saved under an older schema still opens), then `templateOf` once more.
 */
export function readTemplate(body: string, now: number): TemplateRead {
  let input: unknown
  try {
    input = JSON.parse(body)
  } catch {
    return { ok: false, error: 'The stored template is not JSON' }
  }
  const parsed = parseWorkshopExport(input, now)
  if (!parsed.ok) return { ok: false, error: `The template does not fit this version of Samskap: ${parsed.error}` }
  return { ok: true, language: parsed.meta.language, content: templateOf(parsed) }
}

/**
 * For `POST /api/workshops` with a `templateId`: the template's records, or the refusal already
 * sent. Using one needs a signed-in person (see `signedInStaff`).
 */
export async function templateForNewWorkshop(
  request: IncomingMessage,
  response: ServerResponse,
  deps: HttpDeps,
  templateId: string,
): Promise<{ language: string; content: TemplateContent } | null> {
  const staff = await signedInStaff(request, response, deps)
  if (!staff) return null
  const row = await deps.templates.get(templateId)
  if (!row) {
    sendJson(response, 404, { error: 'Template not found', code: 'templateNotFound' })
    return null
  }
  const read = readTemplate(row.body, Date.now())
  if (!read.ok) {
    deps.log.warn({ templateId, error: read.error }, 'stored template refused')
    sendJson(response, 409, { error: read.error, code: 'templateInvalid' })
    return null
  }
  return read
}
