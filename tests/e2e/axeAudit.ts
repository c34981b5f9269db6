import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { wcagTags } from './axeTags'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[]
}

/**
 * Puts axe-core into the page. Through the DevTools protocol, not a <script> tag: the app's
 * Content-Security-Policy refuses inline scripts (server/http/securityHeaders.ts), as it should.
 */
export async function injectAxe(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
}

/** Runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules (axeTags.ts) on the page as it is now; returns one readable line per failing element. */
export async function audit(page: Page, view: string): Promise<string[]> {
  await injectAxe(page)
  const result = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
      }),
    wcagTags,
  )
  return result.violations.flatMap((v) => v.nodes.map((n) => `[${view}] ${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(n.target)}`))
}
