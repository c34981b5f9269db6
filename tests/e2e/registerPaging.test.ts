import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { board, card } from '../../shared/followup/testWorkshops'
import type { StakeholderRecord } from '../../shared/schema/records/stakeholder'
import { connectControl, synced, waitFor as waitForServer } from '../server/helpers'
import { audit } from './axeAudit'
import { newPerson, waitFor } from './harness'
import { staffE2EForFile } from './staffHarness'

/*
 * The registers across workshops page by page (issue 16): a planner with 23 workshops sees the
 * newest 20 in the action register and in the take-over dialog, and "Load more workshops" brings
 * the rest. Screenshots on a desktop and a phone, axe on both.
 */

const shots = join(import.meta.dirname, '..', '..', 'test-results', 'registerPaging')
const staff = staffE2EForFile(shots)
const { resources, signIn } = staff
const WORKSHOPS = 23

function stakeholder(id: string, name: string): StakeholderRecord {
  return {
    id, kind: 'stakeholder', boardId: 'map', groupId: '', name, influence: 3, interest: 3, contactPerson: '', message: '', channel: '', frequency: '',
    x: 0, y: 0, levelNow: 0, levelWanted: 0, origin: null, createdAt: 1, sdgs: [], dimension: '',
  }
}

/** Workshop number `n`: one action on a challenge board and one stakeholder on a map. */
async function meeting(workshop: CreatedWorkshop, n: number): Promise<void> {
  const client = connectControl(resources, staff.e2e.baseUrl, workshop.id, workshop.token)
  await synced(client.provider)
  const { boards, items } = getWorkshopMaps(client.doc)
  client.doc.transact(() => {
    boards.set('cb', createRecordMap(board('cb', 'challengeBoard', 'a1', 'Tiltak')))
    boards.set('map', createRecordMap(board('map', 'stakeholderMap', 'a2', 'Aktørkart')))
    items.set('a1', createRecordMap(card('a1', 'cb', 'action', 'a0', { text: `Tiltak fra møte ${n}`, owner: 'Siri Berg', dueDate: '2030-01-01' })))
    items.set('s1', createRecordMap(stakeholder('s1', `Aktør fra møte ${n}`)))
  })
  await waitForServer(() => client.provider.ws?.bufferedAmount === 0, 'the meeting is sent')
  client.provider.destroy()
}

describe('registers across many workshops', () => {
  it('shows the newest 20 workshops and loads the rest on request, in the action register and the take-over dialog', async () => {
    const desk = await newPerson(staff.e2e, 'Siri', { viewport: { width: 1440, height: 900 } })
    await signIn(desk.page, 'siri')
    const workshops: CreatedWorkshop[] = []
    for (let n = 1; n <= WORKSHOPS; n++) {
      const response = await desk.page.request.post(`${staff.e2e.baseUrl}/api/workshops`, { data: { title: `Møte ${n}`, language: 'nb' }, headers: { origin: staff.e2e.baseUrl } })
      expect(response.status()).toBe(201)
      const workshop = (await response.json()) as CreatedWorkshop
      await meeting(workshop, n)
      workshops.push(workshop)
    }

    // The action register: 20 workshops' actions, then the rest.
    await desk.page.goto(`${staff.e2e.baseUrl}/actions`)
    const rows = desk.page.getByTestId('register-row')
    await waitFor(() => rows.count(), (n) => n === 20, 'the newest 20 workshops’ actions')
    const more = desk.page.getByTestId('register-more')
    expect(await more.textContent()).toBe('Last inn flere workshoper')
    await desk.page.screenshot({ path: join(shots, 'register-more-desktop.png'), fullPage: true })
    expect(await audit(desk.page, 'register with more to load')).toEqual([])
    await more.click()
    await waitFor(() => rows.count(), (n) => n === WORKSHOPS, 'every workshop’s action')
    expect(await more.count()).toBe(0)
    const texts = await rows.allTextContents()
    for (let n = 1; n <= WORKSHOPS; n++) expect(texts.filter((t) => new RegExp(`Tiltak fra møte ${n}(?!\\d)`).test(t)), `møte ${n}`).toHaveLength(1)
    // A change on the second page keeps both pages.
    const oldest = rows.filter({ hasText: /Tiltak fra møte 1(?!\d)/ })
    await oldest.getByRole('combobox', { name: /Status for «Tiltak fra møte 1»/ }).selectOption('done')
    await desk.page.getByText('Lagret: «Tiltak fra møte 1» – Ferdig.').waitFor()
    await waitFor(() => rows.count(), (n) => n === WORKSHOPS, 'every action is still listed')

    // The take-over dialog in the newest workshop: the 20 before it, then the last two.
    const newest = workshops.at(-1)!
    await desk.page.goto(`${staff.e2e.baseUrl}/w/${newest.id}?board=map`)
    await desk.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await desk.page.getByTestId('takeover-open').click()
    const dialog = desk.page.getByRole('dialog', { name: 'Hent interessenter fra en tidligere workshop' })
    const options = dialog.getByTestId('takeover-workshop').locator('option')
    await waitFor(() => options.count(), (n) => n === 21, 'a choice and 20 workshops')
    const moreWorkshops = dialog.getByTestId('takeover-more')
    // Worded as the register's button: one action, one name.
    expect(await moreWorkshops.textContent()).toBe('Last inn flere workshoper')
    await desk.page.screenshot({ path: join(shots, 'takeover-more-desktop.png') })
    expect(await audit(desk.page, 'take-over with more to load')).toEqual([])
    await moreWorkshops.click()
    await waitFor(() => options.count(), (n) => n === WORKSHOPS, 'a choice and the 22 other workshops')
    expect(await moreWorkshops.count()).toBe(0)
    await dialog.getByTestId('takeover-workshop').selectOption(workshops[0]!.id)
    await dialog.getByRole('checkbox', { name: /Aktør fra møte 1/ }).waitFor()
    await desk.context.close()

    // The same on a phone.
    const phone = await newPerson(staff.e2e, 'Siri på mobilen', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 })
    await signIn(phone.page, 'siri')
    await phone.page.goto(`${staff.e2e.baseUrl}/actions`)
    await waitFor(() => phone.page.getByTestId('register-row').count(), (n) => n === 20, 'the register on a phone')
    await phone.page.getByTestId('register-more').scrollIntoViewIfNeeded()
    await phone.page.screenshot({ path: join(shots, 'register-more-phone.png') })
    expect(await audit(phone.page, 'register phone with more to load')).toEqual([])
    await phone.page.goto(`${staff.e2e.baseUrl}/w/${newest.id}?board=map`)
    await phone.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await phone.page.getByTestId('takeover-open').click()
    await phone.page.getByTestId('takeover-more').waitFor()
    await phone.page.screenshot({ path: join(shots, 'takeover-more-phone.png') })
    await phone.context.close()
  }, 240_000)
})
