import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { board } from '../../shared/followup/testWorkshops'
import type { StakeholderRecord } from '../../shared/schema/records/stakeholder'
import { connectControl, synced, TestResources, waitFor as waitForServer } from '../server/helpers'
import { audit } from './axeAudit'
import { createWorkshopWithAccess, newPerson, openWorkshop, startE2E, waitFor, workshopUrl, type E2E } from './harness'

/*
 * A knowledge bank result links to a stakeholder with `&item=` (client/src/lib/itemFocus.ts): the
 * stakeholder map opens its panel, marks its card and brings it into view, as the other boards do.
 */

let e2e: E2E
const resources = new TestResources()
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'itemLink')

beforeAll(async () => {
  e2e = await startE2E()
  await mkdir(shots, { recursive: true })
})

afterAll(async () => {
  await resources.dispose()
  await e2e?.close()
})

function stakeholder(id: string, name: string): StakeholderRecord {
  return {
    id, kind: 'stakeholder', boardId: 'map', groupId: '', name, influence: 3, interest: 3, contactPerson: '', message: '', channel: '', frequency: '',
    x: 0, y: 0, levelNow: 0, levelWanted: 0, origin: null, createdAt: 1, sdgs: [], dimension: '',
  }
}

describe('a link to a stakeholder (&item=)', () => {
  it.each([
    ['desktop', { width: 1440, height: 900 }],
    ['projector', { width: 1920, height: 1080 }],
    ['phone', { width: 390, height: 844 }],
  ] as const)('opens its panel, marks its card and brings it into view (%s)', async (name, viewport) => {
    const workshop = await createWorkshopWithAccess(e2e, 'Aktører i Nordby')
    const client = connectControl(resources, e2e.baseUrl, workshop.id, workshop.token)
    await synced(client.provider)
    const { boards, items } = getWorkshopMaps(client.doc)
    client.doc.transact(() => {
      boards.set('map', createRecordMap(board('map', 'stakeholderMap', 'a5', 'Aktørkart')))
      for (let i = 0; i < 24; i++) items.set(`s${i}`, createRecordMap(stakeholder(`s${i}`, `Aktør ${i}`)))
      items.set('target', createRecordMap(stakeholder('target', 'Velforeningen')))
    })
    await waitForServer(() => client.provider.ws?.bufferedAmount === 0, 'the map is sent')
    client.provider.destroy()

    const person = await newPerson(e2e, 'Kari', { viewport })
    await openWorkshop(person.page, `${workshopUrl(e2e, workshop.id)}&board=map&item=target`)
    const panel = person.page.getByTestId('stakeholder-panel')
    await panel.waitFor()
    expect(await panel.getByLabel('Navn').inputValue()).toBe('Velforeningen')
    const rect = await waitFor(
      () => person.page.evaluate(() => window.__samskapStakeholderMap?.cardScreenRect('target') ?? null),
      (r) => r !== null,
      'the card is drawn',
    )
    expect(rect!.x).toBeGreaterThanOrEqual(0)
    expect(rect!.y).toBeGreaterThanOrEqual(0)
    expect(rect!.x + rect!.w).toBeLessThanOrEqual(viewport.width)
    expect(rect!.y + rect!.h).toBeLessThanOrEqual(viewport.height)
    await person.page.screenshot({ path: join(shots, `stakeholder-${name}.png`) })
    // Not under the panel either: on a phone it is a bottom sheet over the map, beside it elsewhere.
    const sheet = (await panel.boundingBox())!
    const clear = rect!.y + rect!.h <= sheet.y || rect!.x + rect!.w <= sheet.x
    expect(clear, `card ${JSON.stringify(rect)} is under the panel ${JSON.stringify(sheet)}`).toBe(true)
    expect(await audit(person.page, `stakeholder link ${name}`)).toEqual([])
    await person.context.close()
  })
})
