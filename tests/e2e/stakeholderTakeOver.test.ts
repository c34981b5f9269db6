import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { board } from '../../shared/followup/testWorkshops'
import type { StakeholderRecord } from '../../shared/schema/records/stakeholder'
import type { StakeholderGroupRecord } from '../../shared/schema/records/stakeholderGroup'
import { connectControl, synced, waitFor as waitForServer } from '../server/helpers'
import { audit } from './axeAudit'
import { newPerson, waitFor } from './harness'
import { staffE2EForFile } from './staffHarness'

/*
 * Issue 17, the stakeholder register that grows, in Chromium: staff workshop A has two stakeholders;
 * workshop B's map takes one over (it arrives with its group, contact and plan row, and its panel
 * links back to A); taking over again flags it as already there. Screenshots on a desktop and a
 * phone, axe on the dialog.
 */

const shots = join(import.meta.dirname, '..', '..', 'test-results', 'takeOver')
const staff = staffE2EForFile(shots)
const { resources, signIn } = staff

function stakeholder(id: string, groupId: string, name: string, fields: Partial<StakeholderRecord> = {}): StakeholderRecord {
  return {
    id, kind: 'stakeholder', boardId: 'map', groupId, name, influence: 4, interest: 2, contactPerson: '', message: '', channel: '', frequency: '',
    x: 0, y: 0, levelNow: 0, levelWanted: 0, origin: null, createdAt: 1, sdgs: [], dimension: '', ...fields,
  }
}

async function writeMap(workshop: CreatedWorkshop, records: (StakeholderRecord | StakeholderGroupRecord)[]): Promise<void> {
  const client = connectControl(resources, staff.e2e.baseUrl, workshop.id, workshop.token)
  await synced(client.provider)
  const { boards, items } = getWorkshopMaps(client.doc)
  client.doc.transact(() => {
    boards.set('map', createRecordMap(board('map', 'stakeholderMap', 'a5', 'Aktørkart')))
    for (const record of records) items.set(record.id, createRecordMap(record))
  })
  await waitForServer(() => client.provider.ws?.bufferedAmount === 0, 'the map is sent')
  client.provider.destroy()
}

describe('taking over stakeholders from an earlier workshop', () => {
  it.each([
    ['desktop', { width: 1440, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const)('brings one over with its plan row, links back, and flags it the second time (%s)', async (name, viewport) => {
    const person = await newPerson(staff.e2e, 'Ola', { viewport })
    await signIn(person.page, 'ola')
    const create = async (title: string) => {
      const response = await person.page.request.post(`${staff.e2e.baseUrl}/api/workshops`, { data: { title, language: 'nb' }, headers: { origin: staff.e2e.baseUrl } })
      expect(response.status()).toBe(201)
      return (await response.json()) as CreatedWorkshop
    }
    const a = await create(`Nærmiljøplan vår (${name})`)
    const b = await create(`Nærmiljøplan høst (${name})`)
    await writeMap(a, [
      { id: 'g1', kind: 'stakeholderGroup', boardId: 'map', name: 'Frivillige', preset: '', order: 'a0', createdAt: 1 } satisfies StakeholderGroupRecord,
      stakeholder('velforening', 'g1', 'Nordby velforening', { contactPerson: 'Per Hansen', message: 'Status for parken', channel: 'Epost', frequency: 'Månedlig' }),
      stakeholder('avisa', '', 'Lokalavisa', { contactPerson: 'Redaksjonen' }),
    ])
    await writeMap(b, [stakeholder('here', '', 'Kommunen')])

    await person.page.goto(`${staff.e2e.baseUrl}/w/${b.id}?board=map`)
    await person.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await person.page.getByTestId('takeover-open').click()
    const dialog = person.page.getByRole('dialog', { name: 'Hent interessenter fra en tidligere workshop' })
    await dialog.waitFor()
    await dialog.getByTestId('takeover-workshop').selectOption(a.id)
    const velforening = dialog.getByRole('checkbox', { name: /Nordby velforening/ })
    const avisa = dialog.getByRole('checkbox', { name: /Lokalavisa/ })
    expect(await velforening.isChecked()).toBe(true)
    expect(await avisa.isChecked()).toBe(true)
    await avisa.uncheck()
    await person.page.screenshot({ path: join(shots, `dialog-${name}.png`) })
    expect(await audit(person.page, `take-over dialog ${name}`)).toEqual([])
    await dialog.getByRole('button', { name: 'Hent 1 interessent' }).click()
    await person.page.getByText('1 interessent hentet').waitFor()

    const taken = await waitFor(
      () => person.page.evaluate(() => window.__samskapStakeholderMap?.getStakeholders() ?? []),
      (list) => list.length === 2,
      'the stakeholder is on the map',
    )
    expect(taken.find((s) => s.name === 'Nordby velforening')).toMatchObject({ groupLabel: 'Frivillige', channel: 'Epost', influence: 4, interest: 2 })
    expect(taken.some((s) => s.name === 'Lokalavisa')).toBe(false)

    // The take-over is in both workshops' audit logs: who, from which, into which.
    const auditOf = async (workshopId: string) =>
      ((await (await person.page.request.get(`${staff.e2e.baseUrl}/api/workshops/${workshopId}/audit`)).json()) as { entries: { action: string; detail: string; actor: { name?: string } }[] }).entries
    await waitFor(() => auditOf(b.id), (entries) => entries.some((e) => e.action === 'stakeholdersTakenOver'), 'the take-over line in B')
    expect((await auditOf(b.id)).find((e) => e.action === 'stakeholdersTakenOver')).toMatchObject({ detail: a.id, actor: { name: 'Ola Hansen' } })
    expect((await auditOf(a.id)).find((e) => e.action === 'stakeholdersReused')).toMatchObject({ detail: b.id, actor: { name: 'Ola Hansen' } })
    if (name === 'desktop') {
      // Shown in Share's audit list like the other lines.
      await person.page.locator('.share__button').click()
      const log = person.page.getByTestId('workshop-audit')
      await log.locator('summary').click()
      await waitFor(() => log.textContent(), (text) => (text ?? '').includes(`Ola Hansen overtok interessenter fra workshop ${a.id}`), 'the take-over line in the audit list')
      await person.page.keyboard.press('Escape')
    }

    // Its panel holds the plan row and links back to where it came from.
    const id = taken.find((s) => s.name === 'Nordby velforening')!.id
    await person.page.goto(`${staff.e2e.baseUrl}/w/${b.id}?board=map&item=${id}`)
    const panel = person.page.getByTestId('stakeholder-panel')
    await panel.waitFor()
    expect(await panel.getByLabel('Kontaktperson').inputValue()).toBe('Per Hansen')
    expect(await panel.getByLabel(/Budskap/).inputValue()).toBe('Status for parken')
    const back = panel.getByTestId('stakeholder-origin').getByRole('link', { name: `Nærmiljøplan vår (${name})` })
    await back.waitFor()
    expect(await back.getAttribute('href')).toBe(`/w/${a.id}?board=map&item=velforening`)
    await person.page.screenshot({ path: join(shots, `panel-${name}.png`) })

    // Again: the one already here is flagged and cannot be ticked; the other is offered.
    await person.page.getByTestId('takeover-open').click()
    await dialog.getByTestId('takeover-workshop').selectOption(a.id)
    expect(await velforening.isChecked()).toBe(false)
    expect(await velforening.isDisabled()).toBe(true)
    expect(await dialog.getByText('Finnes allerede på dette kartet').count()).toBe(1)
    expect(await avisa.isChecked()).toBe(true)
    await person.page.screenshot({ path: join(shots, `again-${name}.png`) })
    expect(await audit(person.page, `take-over again ${name}`)).toEqual([])
    await dialog.getByRole('button', { name: 'Avbryt' }).click()

    // The origin opens where it came from, its panel open.
    await back.click()
    await person.page.waitForURL(`${staff.e2e.baseUrl}/w/${a.id}?board=map&item=velforening`)
    expect(await person.page.getByTestId('stakeholder-panel').getByLabel('Navn').inputValue()).toBe('Nordby velforening')
    await person.context.close()
  })

  it('shows no take-over without sign-in', async () => {
    const person = await newPerson(staff.e2e, 'Gjest', { viewport: { width: 1440, height: 900 } })
    const signedIn = await newPerson(staff.e2e, 'Ola', { viewport: { width: 1440, height: 900 } })
    await signIn(signedIn.page, 'ola')
    const response = await signedIn.page.request.post(`${staff.e2e.baseUrl}/api/workshops`, { data: { title: 'Åpent kart', language: 'nb' }, headers: { origin: staff.e2e.baseUrl } })
    const workshop = (await response.json()) as CreatedWorkshop
    await writeMap(workshop, [stakeholder('s', '', 'Kommunen')])
    await person.page.goto(`${staff.e2e.baseUrl}/w/${workshop.id}?token=${encodeURIComponent(workshop.token)}&board=map`)
    await person.page.getByTestId('stakeholder-map').waitFor()
    await person.page.getByRole('button', { name: 'Ny interessent' }).waitFor()
    expect(await person.page.getByTestId('takeover-open').count()).toBe(0)
    expect((await person.page.request.get(`${staff.e2e.baseUrl}/api/stakeholders`)).status()).toBe(401)
  })
})
