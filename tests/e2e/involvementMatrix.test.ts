import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SYNC_PATH } from '../../shared/protocol'
import type { StakeholderRecord } from '../../shared/schema/records/stakeholder'
import { createWorkshop, facilitatorToken, newPerson, openWorkshop, phone, startE2E, type E2E, workshopUrl } from './harness'

// The involvement matrix in real Chromium: two people place a stakeholder on the OECD ladder, see
// each other's markers and the gap, a rename on the map (the same record) renames the row, and the
// collaboration definition card is shared.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

/** A program writing to the workshop document directly, as docs/schema.md describes. */
interface DocWriter {
  doc: Y.Doc
  boards(): Record<string, unknown>[]
  items(): Record<string, unknown>[]
  addStakeholders(mapId: string, list: { name: string; groupId: string }[]): string[]
  setField(itemId: string, key: string, value: unknown): void
  close(): void
}

async function connectDoc(workshopId: string): Promise<DocWriter> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(e2e.baseUrl.replace(/^http/, 'ws') + SYNC_PATH, workshopId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: facilitatorToken(workshopId) },
  })
  await poll(
    async () => provider.synced,
    (synced) => synced,
    'the document provider to sync',
  )
  const boards = doc.getMap<Y.Map<unknown>>('boards')
  const items = doc.getMap<Y.Map<unknown>>('items')
  return {
    doc,
    boards: () => [...boards.values()].map((b) => b.toJSON()),
    items: () => [...items.values()].map((i) => i.toJSON()),
    addStakeholders(mapId, list) {
      const ids: string[] = []
      doc.transact(() => {
        list.forEach(({ name, groupId }, i) => {
          const id = `st-${Math.random().toString(36).slice(2, 12)}`
          const record: StakeholderRecord = {
            id,
            kind: 'stakeholder',
            boardId: mapId,
            groupId,
            name,
            influence: 3,
            interest: 3,
            contactPerson: '',
            message: '',
            channel: '',
            frequency: '',
            x: 40 + i * 200,
            y: 40,
            levelNow: 0,
            levelWanted: 0,
            origin: null,
            createdAt: Date.now() + i,
            sdgs: [],
            dimension: '',
          }
          const map = new Y.Map<unknown>()
          for (const [key, value] of Object.entries(record)) map.set(key, value)
          items.set(id, map)
          ids.push(id)
        })
      })
      return ids
    },
    setField(itemId, key, value) {
      items.get(itemId)?.set(key, value)
    },
    close() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Polls `read` until `done` holds; fails with what it saw last. */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: T | undefined
  while (Date.now() < deadline) {
    last = await read()
    if (done(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`timed out waiting for ${what}; last saw ${JSON.stringify(last)}`)
}

function row(page: Page, stakeholderId: string): Locator {
  return page.locator(`[data-testid="matrix-row"][data-stakeholder-id="${stakeholderId}"]`)
}

/** The level a row's marker sits at, or 0 when the lane has no marker. */
async function markerLevel(page: Page, stakeholderId: string, which: 'now' | 'wanted'): Promise<number> {
  const marker = row(page, stakeholderId).getByTestId(`marker-${which}`)
  if ((await marker.count()) === 0) return 0
  return Number(await marker.getAttribute('data-level'))
}

describe('involvement matrix', () => {
  it('two people set levels, see the gap, a rename and the collaboration definition', async () => {
    const workshopId = await createWorkshop(e2e, 'Involvering i nærmiljøet')
    const url = workshopUrl(e2e, workshopId)
    const kari = await newPerson(e2e, 'Kari')
    const ola = await newPerson(e2e, 'Ola', phone)

    // Kari adds the workshop kit: a stakeholder map, a matrix linked to it, a challenge board.
    await openWorkshop(kari.page, url)
    await kari.page.getByRole('button', { name: 'Legg til tavle' }).first().click()
    await kari.page.getByRole('button', { name: /Workshop-pakke/ }).click()

    const writer = await connectDoc(workshopId)
    try {
      const boards = await poll(
        async () => writer.boards(),
        (b) => b.some((x) => x.template === 'involvementMatrix'),
        'the kit’s boards in the document',
      )
      const map = boards.find((b) => b.template === 'stakeholderMap')!
      const matrix = boards.find((b) => b.template === 'involvementMatrix')!
      expect(matrix.linkedBoardId).toBe(map.id)
      const groups = writer
        .items()
        .filter((i) => i.kind === 'stakeholderGroup' && i.boardId === map.id)
        .sort((a, b) => (String(a.order) < String(b.order) ? -1 : 1))
      const [idrett, bonde] = writer.addStakeholders(String(map.id), [
        { name: 'Idrettsrådet', groupId: String(groups[1]!.id) },
        { name: 'Bondelaget', groupId: String(groups[3]!.id) },
      ])

      // Kari opens the matrix; the map's stakeholders are its rows, with their group.
      await kari.page.getByRole('tab', { name: String(matrix.title) }).click()
      await row(kari.page, idrett!).waitFor()
      await expect.poll(() => row(kari.page, idrett!).locator('th').innerText()).toContain('Samfunn og sivilsamfunn')
      await expect.poll(() => kari.page.getByTestId('matrix-row').count()).toBe(2)

      // Now = consultation, wanted = partnership, by clicking the cells.
      await kari.page.getByRole('button', { name: 'Sett nå-nivå for Idrettsrådet: Konsultasjon' }).click()
      await kari.page.getByRole('button', { name: 'Sett ønsket nivå for Idrettsrådet: Partnerskap' }).click()
      await expect.poll(() => row(kari.page, idrett!).getByTestId('matrix-gap').innerText()).toBe('+3 nivåer')
      await expect.poll(() => kari.page.getByTestId('matrix-summary').innerText()).toContain('største avstand: Idrettsrådet (+3)')

      // Ola, on a phone, sees both markers where Kari put them.
      await openWorkshop(ola.page, `${url}&board=${String(matrix.id)}`)
      await poll(() => markerLevel(ola.page, idrett!, 'now'), (l) => l === 2, 'the now marker at Ola')
      await poll(() => markerLevel(ola.page, idrett!, 'wanted'), (l) => l === 5, 'the wanted marker at Ola')
      expect(await markerLevel(ola.page, bonde!, 'now')).toBe(0)

      // The keyboard moves a marker: Kari's arrow right is Ola's "+2".
      await kari.page.getByRole('button', { name: 'Idrettsrådet, nå: Konsultasjon' }).focus()
      await kari.page.keyboard.press('ArrowRight')
      await poll(() => markerLevel(ola.page, idrett!, 'now'), (l) => l === 3, 'the moved marker at Ola')
      await expect.poll(() => row(ola.page, idrett!).getByTestId('matrix-gap').innerText()).toBe('+2 nivåer')
      await expect.poll(() => kari.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Idrettsrådet, nå: Deltakelse')

      // A rename on the map is a rename of the row: it is the same record.
      writer.setField(idrett!, 'name', 'Idrettsrådet i Kristiansand')
      await expect.poll(() => row(kari.page, idrett!).getByTestId('matrix-row-name').innerText()).toBe('Idrettsrådet i Kristiansand')
      await expect.poll(() => row(ola.page, idrett!).getByTestId('matrix-row-name').innerText()).toBe('Idrettsrådet i Kristiansand')

      // Opening the definition card writes nothing; filling "Mål" creates the record.
      await row(kari.page, idrett!).getByRole('button', { name: 'Definer samarbeid med Idrettsrådet i Kristiansand' }).click()
      const card = kari.page.getByTestId('collaboration-card')
      await expect.poll(() => card.innerText()).toContain('Samarbeid med Idrettsrådet i Kristiansand')
      expect(writer.items().filter((i) => i.kind === 'collaboration')).toHaveLength(0)
      await card.getByLabel('Mål', { exact: true }).fill('Flere barn og unge i aktivitet')
      await card.getByLabel('Roller og ansvar').focus() // leaving the field saves it
      await poll(
        async () => writer.items().filter((i) => i.kind === 'collaboration'),
        (list) => list.length === 1 && list[0]!.goals === 'Flere barn og unge i aktivitet' && list[0]!.stakeholderId === idrett,
        'the collaboration record in the document',
      )

      // Ola sees the row marked as defined, opens it and reads Kari's goal.
      const olaAction = row(ola.page, idrett!).getByRole('button', { name: 'Vis samarbeidsdefinisjonen for Idrettsrådet i Kristiansand' })
      await olaAction.waitFor()
      await olaAction.click()
      await expect.poll(() => ola.page.getByTestId('collaboration-card').getByLabel('Mål', { exact: true }).inputValue()).toBe('Flere barn og unge i aktivitet')

      // Deleting asks first, then the definition is gone for both.
      await card.getByRole('button', { name: 'Slett definisjonen' }).click()
      await card.getByRole('button', { name: 'Ja, slett' }).click()
      await poll(async () => writer.items().filter((i) => i.kind === 'collaboration').length, (n) => n === 0, 'the deleted definition')
      await row(ola.page, idrett!).getByRole('button', { name: 'Definer samarbeid med Idrettsrådet i Kristiansand' }).waitFor()
    } finally {
      writer.close()
      await kari.context.close()
      await ola.context.close()
    }
  })

  it('keeps the level headers in view while many rows scroll, on a desktop and on a phone', async () => {
    const workshopId = await createWorkshop(e2e, 'Mange interessenter')
    const url = workshopUrl(e2e, workshopId)
    const kari = await newPerson(e2e, 'Kari')
    const ola = await newPerson(e2e, 'Ola', phone)
    await openWorkshop(kari.page, url)
    await kari.page.getByRole('button', { name: 'Legg til tavle' }).first().click()
    await kari.page.getByRole('button', { name: /Workshop-pakke/ }).click()
    const writer = await connectDoc(workshopId)
    try {
      const boards = await poll(async () => writer.boards(), (b) => b.some((x) => x.template === 'involvementMatrix'), 'the kit’s boards')
      const map = boards.find((b) => b.template === 'stakeholderMap')!
      const matrix = boards.find((b) => b.template === 'involvementMatrix')!
      const group = writer.items().find((i) => i.kind === 'stakeholderGroup' && i.boardId === map.id)!
      writer.addStakeholders(
        String(map.id),
        Array.from({ length: 24 }, (_, i) => ({ name: `Interessent ${i + 1}`, groupId: String(group.id) })),
      )
      await openWorkshop(ola.page, `${url}&board=${String(matrix.id)}`)
      await kari.page.getByRole('tab', { name: String(matrix.title) }).click()
      for (const [page, name] of [
        [kari.page, 'desktop'],
        [ola.page, 'phone'],
      ] as const) {
        await expect.poll(() => page.getByTestId('matrix-row').count()).toBe(24)
        // Scroll the rows to the last one: the header row stays at the top of the table's box.
        await page.getByTestId('matrix-row').last().scrollIntoViewIfNeeded()
        const scroller = page.locator('.matrix-scroller')
        expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(200)
        const [box, header] = await Promise.all([scroller.boundingBox(), page.getByRole('columnheader', { name: /Partnerskap/ }).boundingBox()])
        expect(Math.abs(header!.y - box!.y)).toBeLessThanOrEqual(2)
        expect(await page.getByRole('columnheader', { name: /Partnerskap/ }).isVisible()).toBe(true)
        await page.screenshot({ path: `test-results/e2e-matrix-sticky-${name}.png` })
      }
    } finally {
      writer.close()
      await kari.context.close()
      await ola.context.close()
    }
  })

  it('an unlinked matrix offers the stakeholder maps and links to the chosen one', async () => {
    const workshopId = await createWorkshop(e2e, 'Uten kobling')
    const kari = await newPerson(e2e, 'Kari')
    try {
      await openWorkshop(kari.page, workshopUrl(e2e, workshopId))
      // A map first, then a matrix; then unlink the matrix as if its map had never been chosen.
      await kari.page.getByRole('button', { name: 'Legg til tavle' }).first().click()
      await kari.page.getByRole('button', { name: /^Interessentkart/ }).click()
      await kari.page.getByRole('button', { name: 'Legg til tavle' }).first().click()
      await kari.page.getByRole('button', { name: /^Involvering/ }).click()
      const writer = await connectDoc(workshopId)
      try {
        const matrix = await poll(
          async () => writer.boards().find((b) => b.template === 'involvementMatrix'),
          (b) => b !== undefined,
          'the matrix board',
        )
        writer.doc.getMap<Y.Map<unknown>>('boards').get(String(matrix!.id))!.set('linkedBoardId', '')
        const choose = kari.page.getByTestId('matrix-choose-map')
        await choose.waitFor()
        await expect.poll(() => kari.page.getByTestId('involvement-matrix').innerText()).toContain('ikke koblet til et interessentkart')
        await choose.selectOption({ label: 'Interessentkart' })
        await expect.poll(() => kari.page.getByTestId('involvement-matrix').innerText()).toContain('har ingen interessenter ennå')
        await poll(async () => writer.boards().find((b) => b.id === matrix!.id)?.linkedBoardId, (l) => typeof l === 'string' && l !== '', 'the link')
        // "Gå til interessentkartet" selects the map board.
        await kari.page.getByRole('link', { name: 'Gå til interessentkartet' }).click()
        await kari.page.waitForURL((u) => u.searchParams.get('board') !== String(matrix!.id))
      } finally {
        writer.close()
      }
    } finally {
      await kari.context.close()
    }
  })
})
