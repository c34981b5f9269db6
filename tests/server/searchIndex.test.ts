import { afterEach, describe } from 'vitest'
import { SqliteSearchIndex } from '../../server/search/SqliteSearchIndex'
import { TestResources } from './helpers'
import { searchIndexCases } from './searchIndexCases'

const resources = new TestResources()
afterEach(() => resources.dispose())

describe('SqliteSearchIndex (FTS5)', () => {
  searchIndexCases(async () => {
    const index = new SqliteSearchIndex(await resources.tempDir())
    resources.defer(() => index.close())
    return index
  })
})
