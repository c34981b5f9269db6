import type { Page } from 'playwright-core'

// WCAG 2.2 measured in the browser, beside axe-core (which samples target size but not focus):
// 2.5.8 Target Size (Minimum) and 2.4.11 Focus Not Obscured (Minimum).

const TARGETS =
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=tab], [role=checkbox], [role=radio], [role=switch], [role=menuitem], [role=option], [tabindex]:not([tabindex="-1"])'

/**
 * Every visible, enabled target smaller than 24×24 CSS px that also fails the spacing exception (a
 * 24-px circle on its centre meets another target or another small target's circle). Left out as
 * WCAG does: links inside a sentence, and the board canvas (one target as large as the board). A
 * checkbox or radio counts with its label, which takes the same click. One line per failure.
 */
export async function undersizedTargets(page: Page, view: string): Promise<string[]> {
  const found = await page.evaluate((selector) => {
    const visible = (el: Element) => {
      const style = getComputedStyle(el)
      const rect = el.getBoundingClientRect()
      return rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && el.closest('[hidden], [inert], [aria-hidden="true"]') === null
    }
    const inSentence = (el: Element) => el.tagName === 'A' && getComputedStyle(el).display === 'inline' && (el.parentElement?.textContent ?? '').trim().length > (el.textContent ?? '').trim().length
    const rectOf = (el: Element): DOMRect => {
      const input = el as HTMLInputElement
      if (el.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio')) {
        const label = input.closest('label') ?? (input.labels && input.labels[0])
        if (label) {
          const a = el.getBoundingClientRect()
          const b = label.getBoundingClientRect()
          const x = Math.min(a.left, b.left)
          const y = Math.min(a.top, b.top)
          return new DOMRect(x, y, Math.max(a.right, b.right) - x, Math.max(a.bottom, b.bottom) - y)
        }
      }
      return el.getBoundingClientRect()
    }
    const name = (el: Element) => {
      const label = el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.textContent ?? ''
      const id = el.getAttribute('data-testid') ?? el.id
      return `${el.tagName.toLowerCase()}${id ? `#${id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${label.trim().slice(0, 40)}"`
    }
    const targets = [...document.querySelectorAll(selector)]
      .filter((el) => visible(el) && !(el as HTMLButtonElement).disabled && el.tagName !== 'CANVAS' && !el.matches('[data-testid="board-canvas"]') && !inSentence(el))
      // A target inside another (a button in a focusable row) is judged on its own; the row is left out.
      .filter((el, _i, all) => !all.some((other) => other !== el && el.contains(other)))
      .map((el) => ({ el, rect: rectOf(el) }))
    const small = (r: DOMRect) => r.width < 23.5 || r.height < 23.5
    const centre = (r: DOMRect) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 })
    const distanceToRect = (p: { x: number; y: number }, r: DOMRect) => Math.hypot(Math.max(r.left - p.x, 0, p.x - r.right), Math.max(r.top - p.y, 0, p.y - r.bottom))
    const failures: string[] = []
    for (const target of targets) {
      if (!small(target.rect)) continue
      const c = centre(target.rect)
      const crowded = targets.some((other) => {
        if (other === target) return false
        if (small(other.rect)) {
          const o = centre(other.rect)
          return Math.hypot(o.x - c.x, o.y - c.y) < 24
        }
        return distanceToRect(c, other.rect) < 12
      })
      if (crowded) failures.push(`${name(target.el)} ${Math.round(target.rect.width)}×${Math.round(target.rect.height)}`)
    }
    return failures
  }, TARGETS)
  return found.map((line) => `[${view}] target smaller than 24×24 and crowded: ${line}`)
}

/**
 * Focuses every focusable element in turn (as Tab would bring it into view) and reports those that
 * a sticky header, toolbar, panel or toast then covers entirely: no point of them is on top.
 */
export async function obscuredFocus(page: Page, view: string): Promise<string[]> {
  const found = await page.evaluate((selector) => {
    const failures: string[] = []
    const all = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      const rect = el.getBoundingClientRect()
      return rect.width > 0 && rect.height > 0 && !(el as HTMLButtonElement).disabled && el.closest('[hidden], [inert], [aria-hidden="true"]') === null && getComputedStyle(el).visibility !== 'hidden'
    })
    const before = document.activeElement as HTMLElement | null
    for (const el of all) {
      el.focus()
      if (document.activeElement !== el) continue
      const r = el.getBoundingClientRect()
      const inset = (a: number, b: number) => [a + Math.min(2, (b - a) / 2), (a + b) / 2, b - Math.min(2, (b - a) / 2)]
      const xs = inset(Math.max(r.left, 0), Math.min(r.right, innerWidth))
      const ys = inset(Math.max(r.top, 0), Math.min(r.bottom, innerHeight))
      const onScreen = r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight
      const seen =
        onScreen &&
        xs.some((x) =>
          ys.some((y) => {
            const hit = document.elementFromPoint(x, y)
            return hit !== null && (hit === el || el.contains(hit) || hit.contains(el))
          }),
        )
      if (!seen) {
        const label = el.getAttribute('aria-label') ?? el.textContent ?? ''
        const cover = onScreen ? document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2) : null
        failures.push(
          `${el.tagName.toLowerCase()}${el.dataset.testid ? `#${el.dataset.testid}` : ''} "${label.trim().slice(0, 40)}" ${onScreen ? `under ${cover?.tagName.toLowerCase()}.${String(cover?.className).split(' ')[0]}` : 'off screen'}`,
        )
      }
    }
    before?.focus()
    return failures
  }, TARGETS)
  return found.map((line) => `[${view}] focus hidden: ${line}`)
}
