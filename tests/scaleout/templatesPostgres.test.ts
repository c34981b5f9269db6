import { afterEach, describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import type { TemplateSummary } from '../../shared/followup/workshopTemplate'
import { TestResources } from '../server/helpers'
import { isolate, queryTestSchema, twoInstancesWithSignIn } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

describe('templates of one’s own on PostgreSQL', () => {
  it('a template saved on one instance is listed, used and deleted on the other', async () => {
    const isolation = await isolate(resources)
    const { started: [first, second], signIn } = await twoInstancesWithSignIn(resources, isolation)
    const ola = await signIn('ola', first)
    const siri = await signIn('siri', second)
    const post = (url: string, cookie: string, path: string, json: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { cookie, origin: url, 'content-type': 'application/json' }, body: JSON.stringify(json) })

    const source = (await (await post(first.url, ola, '/api/workshops', { title: 'Kilde', language: 'sv', boardTitle: 'Tavla 1' })).json()) as CreatedWorkshop
    const saved = await post(first.url, ola, `/api/workshops/${source.id}/template`, { name: 'Grannskap' })
    expect(saved.status).toBe(201)
    const template = (await saved.json()) as TemplateSummary

    const listed = (await (await fetch(`${second.url}/api/templates`, { headers: { cookie: siri } })).json()) as { templates: TemplateSummary[] }
    expect(listed.templates).toEqual([{ ...template, mayDelete: false }])
    const made = await post(second.url, siri, '/api/workshops', { title: 'Från mall', templateId: template.id })
    expect(made.status).toBe(201)
    expect(await queryTestSchema<{ title: string; language: string }>(isolation, 'SELECT title, language FROM workshops ORDER BY title')).toEqual([
      { title: 'Från mall', language: 'sv' },
      { title: 'Kilde', language: 'sv' },
    ])
    expect((await post(second.url, siri, `/api/templates/${template.id}/delete`, {})).status).toBe(403)
    expect((await post(first.url, ola, `/api/templates/${template.id}/delete`, {})).status).toBe(200)
    expect(await queryTestSchema(isolation, 'SELECT 1 FROM workshop_templates')).toEqual([])
  })
})
