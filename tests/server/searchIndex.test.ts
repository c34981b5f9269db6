import { afterEach, describe, expect, it } from 'vitest'
import type { SearchEntry } from '../../shared/followup/searchEntries'
import { searchTerms } from '../../server/search/SearchIndex'
import { SqliteSearchIndex } from '../../server/search/SqliteSearchIndex'
import { TestResources } from './helpers'
import { elvebyen, fjellbygda, searchIndexCases } from './searchIndexCases'

const resources = new TestResources()
afterEach(() => resources.dispose())

describe('SqliteSearchIndex (FTS5)', () => {
  searchIndexCases(async () => {
    const index = new SqliteSearchIndex(await resources.tempDir())
    resources.defer(() => index.close())
    return index
  })
})

describe('SqliteSearchIndex writes', () => {
  it('commits the writes of one turn together, and a bad one fails alone', async () => {
    const index = new SqliteSearchIndex(await resources.tempDir())
    resources.defer(() => index.close())
    // Not a string: SQLite cannot bind it, so this write throws inside the shared transaction.
    const broken = { ...fjellbygda[0]!, title: { not: 'text' } } as unknown as SearchEntry
    const results = await Promise.allSettled([
      index.replaceWorkshop('w-elvebyen', 'nb', elvebyen, 'e1'),
      index.replaceWorkshop('w-broken', 'nb', [broken], 'b1'),
      index.replaceWorkshop('w-fjell', 'nb', fjellbygda, 'f1'),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    const hits = await index.search({ terms: searchTerms('benker'), workshopIds: ['w-elvebyen', 'w-fjell', 'w-broken'], limit: 10 })
    expect(hits.map((h) => `${h.workshopId}:${h.recordId}`).sort()).toEqual(['w-elvebyen:n-benker', 'w-elvebyen:st-vel', 'w-fjell:n-benk'])
    expect([await index.indexedVersion('w-elvebyen'), await index.indexedVersion('w-broken'), await index.indexedVersion('w-fjell')]).toEqual(['e1', null, 'f1'])
  })

  it('writes what was queued before it closes', async () => {
    const dataDir = await resources.tempDir()
    const index = new SqliteSearchIndex(dataDir)
    const written = index.replaceWorkshop('w-fjell', 'nb', fjellbygda, 'f1')
    await index.close()
    await written
    const again = new SqliteSearchIndex(dataDir)
    resources.defer(() => again.close())
    expect(await again.indexedVersion('w-fjell')).toBe('f1')
  })
})
