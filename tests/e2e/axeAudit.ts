import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[]
}

/** Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now; returns one readable line per failing element. */
export async function audit(page: Page, view: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath })
  const result = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
      }),
    wcagTags,
  )
  return result.violations.flatMap((v) => v.nodes.map((n) => `[${view}] ${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(n.target)}`))
}
