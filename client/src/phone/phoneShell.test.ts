import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { NOTE_TEXT_MAX } from '../../../shared/schema/records/note'
import { supportedLanguages } from '../i18n/languages'
import { phoneShellHtml, SHELL_TEXT_MAX, shellStrings } from './phoneShell'

const locales = fileURLToPath(new URL('../i18n/locales', import.meta.url))

describe('the note box in phone.html', () => {
  it('takes as much text as React’s box before the workshop is known', () => {
    expect(SHELL_TEXT_MAX).toBe(NOTE_TEXT_MAX)
    expect(phoneShellHtml(locales, '/assets/index-test.js')).toContain(`maxlength="${NOTE_TEXT_MAX}"`)
  })

  it('has the label React’s box has, in every language, and every string filled', () => {
    const labels = supportedLanguages.map((language) => shellStrings(locales, language).label)
    expect(labels).toEqual(['Skriv et notat', 'Skriv eit notat', 'Skriv en note', 'Skriv en lapp', 'Write a note'])
    for (const language of supportedLanguages) for (const [key, text] of Object.entries(shellStrings(locales, language))) expect(text, `${language} ${key}`).not.toBe('')
  })

  it('is bokmål in the markup, has one inline script, and a string cannot end that script early', () => {
    const html = phoneShellHtml(locales, '/assets/index-test.js')
    expect(html).toContain('<label for="phone-shell-text" class="phone-compose__label" data-shell-text="label">Skriv et notat</label>')
    expect(html.match(/<script>/g)).toHaveLength(1)
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!
    expect(script).not.toContain('</')
    // It parses as a script (the server hashes it as it is; a syntax error would only show in a browser).
    expect(() => new Function(script)).not.toThrow()
  })
})
