import type { Plugin, Rollup } from 'vite'
import { phoneShellHtml } from './phoneShell.ts'

/** The page the server sends for `/w/<id>/phone` (server/http/staticFiles.ts); index.html for every other route. */
export const PHONE_HTML = 'phone.html'

const PHONE_PAGE = /\/src\/phone\/PhonePage\.tsx$/
/** The phone's strings in bokmål: the page's own language (index.html's lang), and the one most residents read. */
const DEFAULT_STRINGS = /samskap-locale:nb:core$/

/** vite-plugin-pwa's registration script in index.html; the phone page registers the worker itself, after its first sync. */
const REGISTER_SW = /<script id="vite-plugin-pwa:register-sw" src="\/registerSW\.js"><\/script>/

/**
 * Writes phone.html: index.html with the phone page's chunks and the bokmål strings named as
 * preloads, its stylesheet linked, and the page's note box already in the HTML (phoneShell.ts).
 * From index.html alone a phone learns of the chunks only after the entry has downloaded and run
 * (index.html → entry → page), two slow-4G round trips after the first; named in the page, they
 * download beside the entry (bench/RESULTS.md, "Phone page"). The box takes text as soon as the
 * HTML and the two stylesheets are there, seconds before the scripts have run; React adopts it.
 * The entry is preloaded, and started by the box's script after the first paint and not while the
 * resident types (phoneShell.ts): warm, from the worker, it would otherwise run at once and its
 * tasks keep the painted box from taking text until React has mounted (bench/RESULTS.md).
 * The service worker's registration is left out: the page registers it once it has synced
 * (PhoneView), so its install does not compete with the first sync for the phone's CPU and network.
 */
export function phoneHtml(localesDir: string): Plugin {
  return {
    name: 'samskap-phone-html',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const index = bundle['index.html']
      if (index?.type !== 'asset' || typeof index.source !== 'string') throw new Error('phoneHtml: the bundle has no index.html to start from')
      // The stylesheet is linked, not only preloaded: the box in the HTML is drawn with it (Vite's loader sees the link and adds none).
      const links = phonePreloads(bundle).map(({ file, as }) =>
        as === 'style' ? `<link rel="stylesheet" crossorigin href="/${file}">` : `<link rel="modulepreload" crossorigin href="/${file}">`,
      )
      // The entry is preloaded here and started by the box's script once the box is painted (phoneShell.ts).
      const entryTag = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/.exec(index.source)
      if (!entryTag?.[1]) throw new Error('phoneHtml: index.html has no entry script')
      const root = '<div id="root"></div>'
      for (const [part, what] of [['</head>', '</head>'], [root, 'an empty #root'], [REGISTER_SW, 'the service worker registration']] as const) {
        if (typeof part === 'string' ? !index.source.includes(part) : !part.test(index.source)) throw new Error(`phoneHtml: index.html has no ${what}`)
      }
      const source = index.source
        .replace(entryTag[0], `<link rel="modulepreload" crossorigin href="${entryTag[1]}">`)
        .replace(REGISTER_SW, '')
        .replace('</head>', `${links.join('\n    ')}\n  </head>`)
        .replace(root, `${phoneShellHtml(localesDir, entryTag[1])}\n    ${root}`)
      this.emitFile({ type: 'asset', fileName: PHONE_HTML, source })
    },
  }
}

/** The phone page's chunk, what it imports statically, their stylesheets and the bokmål strings, less what index.html already names. */
export function phonePreloads(bundle: Rollup.OutputBundle): { file: string; as: 'script' | 'style' }[] {
  const chunks = Object.values(bundle).filter((output): output is Rollup.OutputChunk => output.type === 'chunk')
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const find = (test: RegExp, what: string) => {
    const chunk = chunks.find((c) => test.test(c.facadeModuleId ?? ''))
    if (!chunk) throw new Error(`phoneHtml: no chunk for ${what}`)
    return chunk
  }
  const collect = (chunk: Rollup.OutputChunk, into: Set<string>): Set<string> => {
    if (into.has(chunk.fileName)) return into
    into.add(chunk.fileName)
    for (const imported of chunk.imports) {
      const next = byFile.get(imported)
      if (next) collect(next, into)
    }
    return into
  }
  const inIndex = new Set<string>()
  for (const entry of chunks.filter((c) => c.isEntry)) collect(entry, inIndex)
  const scripts = [...collect(find(PHONE_PAGE, 'the phone page'), new Set()), find(DEFAULT_STRINGS, 'the bokmål strings').fileName].filter((file) => !inIndex.has(file))
  const styles = scripts.flatMap((file) => [...(byFile.get(file)?.viteMetadata?.importedCss ?? [])])
  return [...scripts.map((file) => ({ file, as: 'script' as const })), ...[...new Set(styles)].map((file) => ({ file, as: 'style' as const }))]
}
