import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { board, card } from '../../shared/followup/testWorkshops'
import { connectControl, synced, waitFor as waitForServer } from '../server/helpers'
import { audit } from './axeAudit'
import { newPerson } from './harness'
import { staffE2EForFile } from './staffHarness'

/*
 * Templates of one's own in Chromium: Ola saves a workshop as a template from Share in one browser;
 * Siri, in another, sees it under "Start from" in New workshop with Ola's name and starts a workshop
 * from it, which has the stakeholder but not the residents' note. Screenshots at desktop,
 * projector and phone sizes, and axe on each screen.
 */

const shots = join(import.meta.dirname, '..', '..', 'test-results', 'templates')
const staff = staffE2EForFile(shots)
const { resources, signIn } = staff

async function fillWorkshop(workshop: CreatedWorkshop): Promise<void> {
  const client = connectControl(resources, staff.e2e.baseUrl, workshop.id, workshop.token)
  await synced(client.provider)
  const { boards, items } = getWorkshopMaps(client.doc)
  client.doc.transact(() => {
    boards.set('map', createRecordMap(board('map', 'stakeholderMap', 'a5', 'Aktørkart')))
    boards.set('cb', createRecordMap(board('cb', 'challengeBoard', 'a6', 'Hvem gjør hva')))
    items.set('st1', createRecordMap({
      id: 'st1', kind: 'stakeholder', boardId: 'map', groupId: '', name: 'Idrettslaget', influence: 3, interest: 4, contactPerson: 'Per', message: '',
      channel: '', frequency: '', x: 60, y: 60, levelNow: 0, levelWanted: 0, origin: null, createdAt: 1, sdgs: [], dimension: '',
    }))
    items.set('n1', createRecordMap({ id: 'n1', kind: 'note', boardId: [...boards.keys()][0]!, x: 300, y: 300, w: 160, h: 160, color: 'yellow', text: 'Hemmelig innbyggerlapp', createdAt: 1, sdgs: [], dimension: '' }))
    items.set('a1', createRecordMap(card('a1', 'cb', 'action', 'a0', { text: 'Ringe rektor', owner: 'Ola', dueDate: '2026-01-15' })))
  })
  await waitForServer(() => client.provider.ws?.bufferedAmount === 0, 'the workshop is sent')
  client.provider.destroy()
}

describe('templates of one’s own in the browser', () => {
  it('saves a workshop as a template in one browser; a colleague starts a workshop from it in another', async () => {
    const ola = await newPerson(staff.e2e, 'Ola', { viewport: { width: 1440, height: 900 } })
    await signIn(ola.page, 'ola')
    const created = await ola.page.request.post(`${staff.e2e.baseUrl}/api/workshops`, { data: { title: 'Bydelsmøte Nordby', language: 'nb' }, headers: { origin: staff.e2e.baseUrl } })
    const source = (await created.json()) as CreatedWorkshop
    await fillWorkshop(source)

    await ola.page.goto(`${staff.e2e.baseUrl}/w/${source.id}?board=map`)
    await ola.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await ola.page.locator('.share__button').click()
    await ola.page.getByTestId('save-template-open').click()
    // An empty name is refused with a reason, and nothing is saved.
    await ola.page.getByTestId('save-template-submit').click()
    await ola.page.getByText('Gi malen et navn.').waitFor()
    await ola.page.getByTestId('save-template-name').fill('Aktørkart for bydel')
    await ola.page.screenshot({ path: join(shots, 'save-desktop.png') })
    expect(await audit(ola.page, 'save template')).toEqual([])
    await ola.page.getByTestId('save-template-submit').click()
    await ola.page.getByText('Lagret som malen «Aktørkart for bydel».', { exact: false }).waitFor()

    // Siri, in her own browser, on the projector-sized screen first.
    const siri = await newPerson(staff.e2e, 'Siri', { viewport: { width: 1920, height: 1080 } })
    await signIn(siri.page, 'siri')
    const picker = siri.page.getByTestId('template-picker')
    const choice = picker.getByRole('radio', { name: /Aktørkart for bydel/ })
    await choice.waitFor()
    expect(await picker.textContent()).toContain('Av Ola Hansen')
    // Siri did not make it: no delete button for her.
    expect(await picker.getByRole('button', { name: /Slett malen/ }).count()).toBe(0)
    await siri.page.screenshot({ path: join(shots, 'picker-projector.png'), fullPage: true })
    expect(await audit(siri.page, 'template picker')).toEqual([])
    for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
      await siri.page.setViewportSize(viewport)
      await siri.page.screenshot({ path: join(shots, `picker-${name}.png`), fullPage: true })
    }

    await choice.check()
    await siri.page.getByLabel('Hva skal workshopen hete?').fill('Bydelsmøte Sørby')
    await siri.page.getByRole('button', { name: 'Opprett workshop' }).click()
    await siri.page.waitForURL(/\/w\//)
    // Read through each board's HTML outline: the stakeholder came along, the resident's note did not.
    const outline = async (tab: RegExp) => {
      await siri.page.getByRole('tab', { name: tab }).click()
      await siri.page.getByTestId('board-mode-outline').click()
      await siri.page.getByTestId('board-outline').waitFor()
      const text = await siri.page.getByTestId('board-outline').textContent()
      await siri.page.getByTestId('board-mode-canvas').click()
      await siri.page.getByTestId('board-outline').waitFor({ state: 'detached' })
      return text ?? ''
    }
    expect(await outline(/Aktørkart/)).toContain('Idrettslaget')
    expect(await outline(/Tavle 1/)).not.toContain('Hemmelig innbyggerlapp')

    // Ola deletes it from New workshop; the list is empty for him afterwards.
    await ola.page.goto(staff.e2e.baseUrl)
    await ola.page.getByRole('button', { name: 'Slett malen «Aktørkart for bydel»' }).click()
    await ola.page.getByTestId('template-delete-confirm').click()
    await ola.page.getByText('Ingen maler ennå.', { exact: false }).waitFor()

    // The built-in kit is offered beside them: three linked boards, titled in Ola's language.
    await ola.page.getByRole('radio', { name: /Workshop-pakke/ }).check()
    await ola.page.screenshot({ path: join(shots, 'picker-kit-desktop.png'), fullPage: true })
    await ola.page.getByLabel('Hva skal workshopen hete?').fill('Følgegruppe for frivillighet')
    await ola.page.getByRole('button', { name: 'Opprett workshop' }).click()
    await ola.page.waitForURL(/\/w\//)
    await ola.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await ola.page.getByRole('tab', { name: /Utfordringer og tiltak/ }).waitFor()
    expect((await ola.page.getByRole('tab').allTextContents()).join(' | ')).toMatch(/^Interessentkart.* \| Involvering.* \| Utfordringer og tiltak/)
    await ola.page.screenshot({ path: join(shots, 'kit-workshop-desktop.png') })
  })
})
