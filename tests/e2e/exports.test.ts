import { readFile } from 'node:fs/promises'
import { PDFDocument } from 'pdf-lib'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testWorkshop } from '../../shared/export/testWorkshop'
import { comparableExport, toWorkshopExport, type WorkshopExport } from '../../shared/export/workshopJson'
import type { CreatedWorkshop } from '../../shared/access'
import { newPerson, rememberWorkshop, startE2E, type E2E, workshopUrl } from './harness'

// A facilitator hands over the written outcome: every export downloads from the "Eksporter" dialog
// with the workshop's content, hostile text stays inert, and the JSON restores a new workshop.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

async function importWorkshop(body: unknown): Promise<string> {
  const response = await fetch(`${e2e.baseUrl}/api/workshops/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  if (response.status !== 201) throw new Error(`import: ${response.status} ${await response.text()}`)
  const created = (await response.json()) as CreatedWorkshop
  rememberWorkshop(created)
  return created.id
}

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const dialog = page.getByRole('dialog', { name: 'Eksporter workshopen' })
  const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: button, exact: true }).click()])
  const path = await file.path()
  return { name: file.suggestedFilename(), bytes: await readFile(path) }
}

describe('Eksporter', () => {
  it('downloads minutes, CSV, JSON, PDF and PNG with the workshop content', async () => {
    // A workshop kit with a few records (stakeholder map, matrix, challenge board, free canvas).
    const seeded = JSON.parse(JSON.stringify(toWorkshopExport(testWorkshop(), 'seed', new Date()))) as WorkshopExport
    const id = await importWorkshop(seeded)
    const { page } = await newPerson(e2e, 'Kari')
    await page.goto(workshopUrl(e2e, id))
    await page.getByTestId('connection-status').filter({ hasText: /Tilkoblet/ }).waitFor()
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(['Lerret', 'Interessenter', 'Involvering', 'Utfordringer'])
    await page.getByRole('tab', { name: 'Interessenter' }).click()

    await page.getByRole('button', { name: 'Eksporter eller importer workshopen' }).click()
    const dialog = page.getByRole('dialog', { name: 'Eksporter workshopen' })
    await dialog.waitFor()
    const date = new Date()
    const today = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`

    // Minutes in Markdown: the stakeholder, the action owner, escaped markup.
    const md = await download(page, 'Markdown (.md)')
    expect(md.name).toBe(`studietur-b-bodo-b-${today}-protokoll.md`)
    const markdown = md.bytes.toString('utf8')
    expect(markdown).toContain('# Protokoll: Studietur \\<b\\>Bodø\\</b\\>')
    expect(markdown).toContain('| Frivilligsentralen | Myndigheter | 4 | 5 | Åse Ødegård |')
    expect(markdown).toContain('Ansvarlig: Kari Nordmann, Frist: 1. desember 2026, Status: Pågår')
    expect(markdown).toContain('| Frivilligsentralen | Myndigheter | Konsultasjon | Partnerskap | +3 |')
    expect(markdown).not.toMatch(/(^|[^\\])<script/)

    // Printable HTML: escaped, no script can run.
    const html = (await download(page, 'Utskriftsvennlig side (.html)')).bytes.toString('utf8')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toMatch(/<script|<img/i)

    // CSV: BOM, header, formula neutralised.
    const stakeholders = await download(page, 'Interessenter')
    expect(stakeholders.name).toBe(`studietur-b-bodo-b-${today}-interessenter.csv`)
    expect([...stakeholders.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const stakeholderCsv = stakeholders.bytes.toString('utf8').slice(1)
    expect(stakeholderCsv.split('\r\n')[0]).toBe(
      'Tavle;Navn;Gruppe;Påvirkning;Interesse;Kontaktperson;Hva (budskap);Hvordan (kanal);Når / hvor ofte;Nå;Ønsket;Bærekraftsmål;Dimensjon',
    )
    expect(stakeholderCsv).toContain(`Interessenter;Frivilligsentralen;Myndigheter;4;5;Åse Ødegård;"'=HYPERLINK(""http://x"",""y"")";"E-post; møte";Månedlig`)
    const actions = (await download(page, 'Tiltak')).bytes.toString('utf8')
    expect(actions).toContain(`Utfordringer;"'=HYPERLINK(""http://x"",""y"")";Kari Nordmann;2026-12-01;Pågår;Møteplass på biblioteket;Ensomhet blant eldre`)
    expect(actions).toContain(`Løs tråd;'+cmd;`)
    const notes = (await download(page, 'Lapper')).bytes.toString('utf8')
    expect(notes.charCodeAt(0)).toBe(0xfeff)
    expect(notes).toContain('Lerret;<script>alert(1)</script>;"3, 17";Sosial;yellow')

    // JSON: parses, equals what was seeded, and imports as a new workshop.
    const json = await download(page, 'JSON-fil (kan importeres igjen)')
    const exported = JSON.parse(json.bytes.toString('utf8')) as WorkshopExport
    expect(exported.workshopId).toBe(id)
    expect(comparableExport(exported)).toEqual(comparableExport(seeded))
    const copyId = await importWorkshop(json.bytes.toString('utf8'))
    expect(copyId).not.toBe(id)

    // The PDF report: minutes pages plus a page per board.
    const report = await download(page, 'PDF-rapport')
    expect(report.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const reportPdf = await PDFDocument.load(report.bytes)
    expect(reportPdf.getPageCount()).toBeGreaterThanOrEqual(5)
    expect(reportPdf.getTitle()).toBe('Protokoll: Studietur <b>Bodø</b>')

    // One board (the shown one is preselected): PDF and PNG.
    expect(await dialog.getByRole('combobox', { name: 'Tavle' }).inputValue()).toBe('map')
    const boardPdf = await download(page, 'PDF')
    expect(boardPdf.name).toBe(`studietur-b-bodo-b-${today}-interessenter.pdf`)
    const pdf = await PDFDocument.load(boardPdf.bytes)
    expect(pdf.getPageCount()).toBe(1)
    expect(pdf.getPage(0).getWidth()).toBeGreaterThan(pdf.getPage(0).getHeight())

    await dialog.getByRole('combobox', { name: 'Tavle' }).selectOption({ label: 'Lerret' })
    const png = await download(page, 'Bilde (PNG)')
    expect(png.name).toBe(`studietur-b-bodo-b-${today}-lerret.png`)
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const width = png.bytes.readUInt32BE(16)
    const height = png.bytes.readUInt32BE(20)
    // The fixture's canvas content spans about 800 × 410 board pixels, drawn at pixel ratio 2.
    expect(width).toBeGreaterThan(1400)
    expect(width).toBeLessThan(2000)
    expect(height).toBeGreaterThan(700)
    expect(height).toBeLessThan(1100)
    await expect.poll(() => dialog.getByRole('status').innerText()).toContain('er lastet ned')
  })

  it('imports a JSON file from the dialog and opens the new workshop; a bad file gets a clear error', async () => {
    const id = await importWorkshop(JSON.parse(JSON.stringify(toWorkshopExport(testWorkshop(), 'seed', new Date()))))
    const { page } = await newPerson(e2e, 'Ola')
    await page.goto(workshopUrl(e2e, id))
    await page.getByTestId('connection-status').filter({ hasText: /Tilkoblet/ }).waitFor()
    await page.getByRole('button', { name: 'Eksporter eller importer workshopen' }).click()
    const dialog = page.getByRole('dialog', { name: 'Eksporter workshopen' })

    const bad = toWorkshopExport(testWorkshop(), 'x', new Date())
    const broken = { ...bad, items: bad.items.map((i) => (i.id === 'n1' ? { ...i, color: 'red' } : i)) }
    const chooser = page.waitForEvent('filechooser')
    await dialog.getByRole('button', { name: 'Velg JSON-fil …' }).click()
    await (await chooser).setFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) })
    // An import is parsed in a worker thread (server/http/importInWorker.ts) that starts per import: about a second.
    await expect.poll(() => dialog.getByRole('status').innerText(), { timeout: 15_000 }).toMatch(/Importen mislyktes: items\[\d+\] \(id n1\): note\.color/)

    const good = Buffer.from(JSON.stringify({ ...bad, meta: { ...bad.meta, title: 'Kopi av studieturen' } }))
    const chooser2 = page.waitForEvent('filechooser')
    await dialog.getByRole('button', { name: 'Velg JSON-fil …' }).click()
    await (await chooser2).setFiles({ name: 'good.json', mimeType: 'application/json', buffer: good })
    await expect.poll(() => page.url()).not.toContain(id)
    await expect.poll(() => page.locator('.topbar__title').innerText()).toBe('Kopi av studieturen')
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(['Lerret', 'Interessenter', 'Involvering', 'Utfordringer'])
  })
})
