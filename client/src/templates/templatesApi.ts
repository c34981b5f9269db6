import type { TemplateSummary } from '../../../shared/followup/workshopTemplate'

/** A refusal from the template routes: the HTTP status (0 offline) and the server's named reason. */
export interface TemplateRefusal {
  ok: false
  status: number
  code: string | null
}

async function call<T>(url: string, body?: unknown): Promise<{ ok: true; value: T } | TemplateRefusal> {
  let response: Response
  try {
    response = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    return { ok: false, status: 0, code: null }
  }
  const json = (await response.json().catch(() => null)) as (T & { code?: unknown }) | null
  if (response.ok && json) return { ok: true, value: json }
  return { ok: false, status: response.status, code: typeof json?.code === 'string' ? json.code : null }
}

/** Every template on this server (signed-in staff only: 401 `signInRequired` otherwise). */
export async function fetchTemplates(): Promise<{ ok: true; value: TemplateSummary[] } | TemplateRefusal> {
  const result = await call<{ templates: TemplateSummary[] }>('/api/templates')
  return result.ok ? { ok: true, value: result.value.templates } : result
}

export function saveTemplate(workshopId: string, name: string) {
  return call<TemplateSummary>(`/api/workshops/${encodeURIComponent(workshopId)}/template`, { name })
}

export function deleteTemplate(templateId: string) {
  return call<{ deleted: string }>(`/api/templates/${encodeURIComponent(templateId)}/delete`, {})
}
