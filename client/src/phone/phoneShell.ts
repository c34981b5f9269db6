import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fallbackLanguages, supportedLanguages, type SupportedLanguage } from '../i18n/languages.ts'
import { PHONE_SHELL_ID } from './staticNoteBox.ts'

/**
 * The phone page before its scripts have arrived (build side; phoneHtmlPlugin.ts writes it into
 * phone.html): the page's loading state as React draws it (PhoneView, NoteComposer), with a real,
 * labelled note box a resident can type into at once. React adopts the box's text, caret and focus
 * when it mounts (staticNoteBox.ts) and removes this copy.
 *
 * A small script, inline so it costs no request, picks the language as `initI18n` does (the saved
 * choice, then the browser's languages, then bokmål) from the five languages' strings, before the
 * first paint: no flash of another language. It also keeps an "add" tapped before the app is there:
 * the button shows "Sending …" and the app sends the note once it has started. The server allows
 * exactly this script by its hash (server/http/staticFiles.ts); nothing else inline runs.
 */

/**
 * The box's limit before the workshop is known: NOTE_TEXT_MAX (shared/schema/records/note.ts), as
 * React's box has it then. Written out, since the build's config cannot load the schema's modules;
 * phoneShell.test.ts keeps the two the same.
 */
export const SHELL_TEXT_MAX = 2000

/** The strings the shell shows, by the key its markup names them with (`data-shell-text`). */
interface ShellStrings {
  workshopLabel: string
  connecting: string
  loading: string
  question: string
  label: string
  add: string
  sending: string
}

type Json = { [key: string]: Json } | string

function lookUp(tree: Json | undefined, path: string): string | undefined {
  let node = tree
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined
  return typeof node === 'string' ? node : undefined
}

/** One language's shell strings, with the same fallbacks the app's bundles have (localeBundlePlugin.ts). */
export function shellStrings(localesDir: string, language: SupportedLanguage): ShellStrings {
  const read = (lng: SupportedLanguage, namespace: string) => JSON.parse(readFileSync(join(localesDir, lng, `${namespace}.json`), 'utf8')) as Json
  const string = (namespace: string, path: string): string => {
    for (const lng of [language, ...fallbackLanguages[language], 'en' as const]) {
      const found = lookUp(read(lng, namespace), path)
      if (found) return found
    }
    throw new Error(`phoneShell: no ${namespace}:${path} in any language`)
  }
  return {
    workshopLabel: string('phone', 'workshopLabel'),
    connecting: string('app', 'connection.connecting'),
    loading: string('phone', 'loading'),
    question: string('phone', 'question.label'),
    label: string('phone', 'compose.label'),
    add: string('phone', 'compose.add'),
    sending: string('phone', 'compose.sending'),
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * Runs in the page, inline, before the first paint (stringified into phone.html: no imports, no
 * closures). Mirrors `detectLanguage` in i18n.ts without the workshop's language, which the page
 * learns only from the sync, as the app's first render does.
 */
function runShell(shellId: string, strings: Record<string, Record<string, string>>, entry: string): void {
  // The app's entry (preloaded by the page's head) runs once the box has been painted, and not while the
  // resident is typing in it: a second after the last keystroke, at once on "add", at the latest after 4 s.
  let started = false
  let timer = 0
  const start = () => {
    if (started) return
    started = true
    const script = document.createElement('script')
    script.type = 'module'
    script.crossOrigin = 'anonymous'
    script.src = entry
    document.head.append(script)
  }
  const startIn = (ms: number) => {
    clearTimeout(timer)
    timer = window.setTimeout(start, ms)
  }
  window.setTimeout(start, 4000)
  // Safari before 17 ignores modulepreload: fetch the phone's chunks now, as Vite's polyfill did (vite.config.ts).
  if (!document.createElement('link').relList.supports?.('modulepreload')) {
    for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel=modulepreload]')) void fetch(link.href, { credentials: 'omit' }).catch(() => undefined)
  }
  const shell = document.getElementById(shellId)
  const form = shell?.querySelector('form')
  const box = form?.querySelector('textarea')
  const add = form?.querySelector<HTMLButtonElement>('.phone-compose__add')
  if (!shell || !form || !box || !add) return start()
  requestAnimationFrame(() => startIn(document.activeElement === box ? 1000 : 0))
  box.addEventListener('focus', () => startIn(1000))
  const match = (tag: string | null | undefined): string | null => {
    const base = (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? ''
    const language = base === 'no' ? 'nb' : base
    return strings[language] ? language : null
  }
  let saved: string | null = null
  try {
    saved = localStorage.getItem('samskap.language')
  } catch {
    // Private mode: no saved choice.
  }
  const language = match(saved) ?? (navigator.languages ?? [navigator.language]).map(match).find((l) => l !== null) ?? 'nb'
  const text = strings[language]!
  document.documentElement.lang = language
  for (const element of shell.querySelectorAll('[data-shell-text]')) element.textContent = text[element.getAttribute('data-shell-text') ?? ''] ?? ''
  const update = () => {
    add.disabled = box.value.trim() === '' || form.hasAttribute('data-submitted')
  }
  box.addEventListener('input', () => {
    update()
    startIn(1000)
  })
  update()
  // Tapped before the app is there: kept, shown as sending, and sent once by the app (staticNoteBox.ts).
  // A plain button, not a submit: were this script refused, a tap would do nothing rather than reload the page.
  add.addEventListener('click', () => {
    if (box.value.trim() === '' || form.hasAttribute('data-submitted')) return
    form.setAttribute('data-submitted', '')
    form.setAttribute('aria-busy', 'true')
    box.readOnly = true
    add.textContent = text.sending ?? ''
    update()
    start()
  })
}

/** The shell's markup and its inline script, bokmål in the markup (the page's language until the script runs); `entry`, the app's entry script's address. */
export function phoneShellHtml(localesDir: string, entry: string): string {
  const strings = Object.fromEntries(supportedLanguages.map((language) => [language, shellStrings(localesDir, language)]))
  const nb = strings.nb!
  const text = (key: keyof ShellStrings) => `data-shell-text="${key}">${escapeHtml(nb[key])}`
  const markup = [
    `<div id="${PHONE_SHELL_ID}" class="phone">`,
    `<header class="phone__header"><div class="phone__bar"><p class="phone__workshop-label" ${text('workshopLabel')}</p>`,
    `<div role="status" class="connection connection--connecting"><span class="connection__dot" aria-hidden="true"></span><span class="connection__text" ${text('connecting')}</span></div></div>`,
    `<h1 class="phone__title" ${text('loading')}</h1></header>`,
    `<main class="phone__main"><section class="phone-card phone-question" aria-busy="true"><p class="phone-question__eyebrow" ${text('question')}</p><span class="spinner" aria-hidden="true"></span></section>`,
    `<form class="phone-card phone-compose"><label for="${PHONE_SHELL_ID}-text" class="phone-compose__label" ${text('label')}</label>`,
    `<textarea id="${PHONE_SHELL_ID}-text" class="phone-compose__text" maxlength="${SHELL_TEXT_MAX}" rows="4"></textarea><p class="phone-compose__counter"></p>`,
    // The line "writing as <name>" keeps its place; the app fills it (the name may be a new guest's).
    // Its "change name" is a 44 px touch target: a button of the same class holds the line's height.
    `<div class="phone-compose__actions"><p class="phone-compose__who phone-shell__later" aria-hidden="true">&nbsp;<button type="button" class="phone-link-button" tabindex="-1">&nbsp;</button></p>`,
    `<button type="button" class="button button--primary phone-compose__add" ${text('add')}</button></div></form></main></div>`,
  ].join('')
  // `<` never appears in the strings' JSON unescaped, so the script cannot close its own element.
  const json = JSON.stringify(strings).replace(/</g, '\\u003c')
  return `${markup}\n    <script>(${runShell.toString()})(${JSON.stringify(PHONE_SHELL_ID)},${json},${JSON.stringify(entry)})</script>`
}
