// `npm start`'s command line (package.json) gives the server glibc's fixed mmap threshold, which
// only the environment at process start can set (docs/deploy.md, "Memory: glibc's mmap threshold").
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

/** The value the started process sees: npm's script run by sh as npm runs it, with `node scripts/start.mjs` swapped for a print. */
function thresholdSeen(env) {
  expect(scripts.start).toContain('node scripts/start.mjs')
  const command = scripts.start.replace('node scripts/start.mjs', 'node -e "process.stdout.write(String(process.env.MALLOC_MMAP_THRESHOLD_))"')
  const { PATH } = process.env
  return spawnSync('sh', ['-c', command], { env: { PATH, ...env }, encoding: 'utf8' }).stdout
}

describe('npm start', () => {
  it('runs the server with MALLOC_MMAP_THRESHOLD_=131072 when the environment does not set it', () => {
    expect(thresholdSeen({})).toBe('131072')
  })

  it('keeps a value the environment sets', () => {
    expect(thresholdSeen({ MALLOC_MMAP_THRESHOLD_: '262144' })).toBe('262144')
  })
})
