import type { Plugin, Rollup } from 'vite'

/** The page the server sends for `/w/<id>/phone` (server/http/staticFiles.ts); index.html for every other route. */
export const PHONE_HTML = 'phone.html'

const PHONE_PAGE = /\/src\/phone\/PhonePage\.tsx$/
/** The phone's strings in bokmål: the page's own language (index.html's lang), and the one most residents read. */
const DEFAULT_STRINGS = /samskap-locale:nb:core$/

/**
 * Writes phone.html: index.html with the phone page's chunks, its stylesheet and the bokmål strings
 * named as preloads. From index.html alone a phone learns of them only after the entry has
 * downloaded and run (index.html → entry → page), two slow-4G round trips after the first; named
 * in the page, they download beside the entry (bench/RESULTS.md, "Phone page"). Another language's
 * strings still come after the entry, as before.
 */
export function phoneHtml(): Plugin {
  return {
    name: 'samskap-phone-html',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const index = bundle['index.html']
      if (index?.type !== 'asset' || typeof index.source !== 'string') throw new Error('phoneHtml: the bundle has no index.html to start from')
      const links = phonePreloads(bundle).map(({ file, as }) =>
        as === 'style' ? `<link rel="preload" as="style" crossorigin href="/${file}">` : `<link rel="modulepreload" crossorigin href="/${file}">`,
      )
      if (!index.source.includes('</head>')) throw new Error('phoneHtml: index.html has no </head>')
      this.emitFile({ type: 'asset', fileName: PHONE_HTML, source: index.source.replace('</head>', `${links.join('\n    ')}\n  </head>`) })
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
