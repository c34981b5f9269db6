import { describe, expect, it } from 'vitest'
import { exportFileName, slugify } from './fileName'

describe('slugify', () => {
  it.each([
    ['Studietur Bodø', 'studietur-bodo'],
    ['Ærlig talt: Årsmøte 2026!', 'aerlig-talt-arsmote-2026'],
    ['<script>alert(1)</script>', 'script-alert-1-script'],
    ['../../etc/passwd', 'etc-passwd'],
    ['Café Ünïcode', 'cafe-unicode'],
    ['你好', 'workshop'],
    ['', 'workshop'],
    ['a'.repeat(100), 'a'.repeat(60)],
  ])('%j → %j', (title, slug) => {
    expect(slugify(title)).toBe(slug)
  })
})

describe('exportFileName', () => {
  it('joins slug, local date, what and extension', () => {
    expect(exportFileName('Studietur Bodø', new Date(2026, 10, 22, 23, 30), 'Protokoll', 'md')).toBe('studietur-bodo-2026-11-22-protokoll.md')
    expect(exportFileName('Møte', new Date(2026, 0, 5), 'Interessentkart (tavle)', 'png')).toBe('mote-2026-01-05-interessentkart-tavle.png')
  })
})
