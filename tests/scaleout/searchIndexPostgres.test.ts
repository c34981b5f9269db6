import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { PostgresSearchIndex } from '../../server/search/PostgresSearchIndex'
import { searchTerms } from '../../server/search/SearchIndex'
import { extractSearchEntries } from '../../shared/followup/searchEntries'
import { board, workshop } from '../../shared/followup/testWorkshops'
import { TestResources } from '../server/helpers'
import { searchIndexCases } from '../server/searchIndexCases'
import { isolate } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

async function open(): Promise<PostgresSearchIndex> {
  const isolation = await isolate(resources)
  const index = await PostgresSearchIndex.open({ connectionString: isolation.databaseUrl, schema: isolation.schema, log: pino({ level: 'silent' }) })
  resources.defer(() => index.close())
  return index
}

describe('PostgresSearchIndex (tsvector)', () => {
  searchIndexCases(open)

  it('stems by the workshop’s language: "parkene" finds "parken" in Norwegian, "benches" finds "bench" in English', async () => {
    const index = await open()
    await index.replaceWorkshop('w-nb', 'nb', extractSearchEntries('w-nb', workshop('Parkene våre', [board('cv', 'canvas', 'a0', 'Parken')], [])))
    await index.replaceWorkshop('w-en', 'en-GB', extractSearchEntries('w-en', workshop('A bench by the river', [board('cv', 'canvas')], [], 'en-GB')))
    const find = (text: string) => index.search({ terms: searchTerms(text), workshopIds: ['w-nb', 'w-en'], limit: 10 })
    expect((await find('parkene')).map((h) => h.recordId).sort()).toEqual(['cv', 'w-nb'])
    expect((await find('benches')).map((h) => h.recordId)).toEqual(['w-en'])
  })
})
