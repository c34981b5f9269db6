import { expect, it } from 'vitest'
import { extractSearchEntries, type SearchEntry } from '../../shared/followup/searchEntries'
import { board, card, workshop } from '../../shared/followup/testWorkshops'
import type { NoteRecord } from '../../shared/schema/records/note'
import type { StakeholderRecord } from '../../shared/schema/records/stakeholder'
import { searchTerms, type SearchIndex } from '../../server/search/SearchIndex'

/**
 * What every search index must do, run on SQLite (tests/server/searchIndex.test.ts) and on
 * PostgreSQL (tests/scaleout/searchIndexPostgres.test.ts): ranking, prefixes, tags, filtering by
 * the visible workshops, and forgetting what was changed, removed or deleted.
 */
function note(id: string, boardId: string, text: string, fields: Partial<NoteRecord> = {}): NoteRecord {
  return { id, kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '', ...fields }
}

function stakeholder(id: string, boardId: string, name: string, message: string): StakeholderRecord {
  return {
    id, kind: 'stakeholder', boardId, groupId: '', name, influence: 3, interest: 3, contactPerson: '', message, channel: '', frequency: '',
    x: 0, y: 0, levelNow: 0, levelWanted: 0, origin: null, createdAt: 1, sdgs: [], dimension: '',
  }
}

export const elvebyen = extractSearchEntries(
  'w-elvebyen',
  workshop('Elvebyen', [board('cv', 'canvas'), board('map', 'stakeholderMap'), board('cb', 'challengeBoard')], [
    note('n-benker', 'cv', 'Flere benker i parken'),
    stakeholder('st-vel', 'map', 'Velforeningen', 'Vi trenger benker og lys langs elva'),
    card('a-midler', 'cb', 'action', 'a0', { text: 'Søke spillemidler', owner: 'Kari', sdgs: [17] }),
    note('n-kafe', 'cv', 'En kafé ved brua'),
  ]),
)
export const fjellbygda = extractSearchEntries('w-fjell', workshop('Fjellbygda', [board('cv', 'canvas')], [note('n-benk', 'cv', 'Benker ved skolen')]))

const ids = (hits: { workshopId: string; recordId: string }[]) => hits.map((h) => `${h.workshopId}:${h.recordId}`)

export function searchIndexCases(open: () => Promise<SearchIndex>): void {
  async function filled(): Promise<SearchIndex> {
    const index = await open()
    await index.replaceWorkshop('w-elvebyen', 'nb', elvebyen)
    await index.replaceWorkshop('w-fjell', 'nb', fjellbygda)
    return index
  }
  const both = ['w-elvebyen', 'w-fjell']
  const find = (index: SearchIndex, text: string, workshopIds: readonly string[] = both, limit = 20) =>
    index.search({ terms: searchTerms(text), workshopIds, limit })

  it('ranks a match in the heading above one in the text, and names the workshop', async () => {
    const index = await filled()
    const hits = await find(index, 'benker', ['w-elvebyen'])
    expect(ids(hits)).toEqual(['w-elvebyen:n-benker', 'w-elvebyen:st-vel'])
    expect(hits[0]).toMatchObject({ workshopTitle: 'Elvebyen', boardId: 'cv', kind: 'note', title: 'Flere benker i parken' })
    expect(hits[1]!.snippet).toContain('benker')
  })

  it('matches every word as a prefix, all words required, any case', async () => {
    const index = await filled()
    expect(ids(await find(index, 'SPILLEMID'))).toEqual(['w-elvebyen:a-midler'])
    expect(ids(await find(index, 'benker lys'))).toEqual(['w-elvebyen:st-vel'])
    expect(ids(await find(index, 'kafé'))).toEqual(['w-elvebyen:n-kafe'])
    expect(await find(index, 'benker sykkel')).toEqual([])
  })

  it('finds tags and owners', async () => {
    const index = await filled()
    expect(ids(await find(index, 'sdg17'))).toEqual(['w-elvebyen:a-midler'])
    expect(ids(await find(index, 'kari'))).toEqual(['w-elvebyen:a-midler'])
  })

  it('searches only the workshops it is given', async () => {
    const index = await filled()
    expect(ids(await find(index, 'benker', ['w-fjell']))).toEqual(['w-fjell:n-benk'])
    expect((await find(index, 'benker')).map((h) => h.workshopId).sort()).toEqual(['w-elvebyen', 'w-elvebyen', 'w-fjell'])
    expect(await find(index, 'benker', [])).toEqual([])
    expect(await find(index, 'benker', ['w-unknown'])).toEqual([])
  })

  it('stops at the limit, best first', async () => {
    const index = await filled()
    expect(ids(await find(index, 'benker', both, 1))).toHaveLength(1)
  })

  it('forgets changed words and removed records, and a replaced workshop’s old entries', async () => {
    const index = await filled()
    const changed: SearchEntry = { ...elvebyen.find((e) => e.recordId === 'n-benker')!, title: 'Flere bord i parken' }
    await index.updateWorkshop('w-elvebyen', 'nb', { upsert: [changed], remove: ['st-vel'] })
    expect(ids(await find(index, 'benker'))).toEqual(['w-fjell:n-benk'])
    expect(ids(await find(index, 'bord'))).toEqual(['w-elvebyen:n-benker'])
    await index.replaceWorkshop('w-elvebyen', 'nb', elvebyen.filter((e) => e.recordId !== 'n-kafe'))
    expect(await find(index, 'kafé')).toEqual([])
    expect(ids(await find(index, 'benker', ['w-elvebyen']))).toEqual(['w-elvebyen:n-benker', 'w-elvebyen:st-vel'])
  })

  it('removes every entry of a deleted workshop and nothing of the others', async () => {
    const index = await filled()
    await index.removeWorkshop('w-elvebyen')
    expect(await find(index, 'elvebyen')).toEqual([])
    expect(await find(index, 'spillemidler')).toEqual([])
    expect(ids(await find(index, 'benker'))).toEqual(['w-fjell:n-benk'])
  })

  it('keeps the document version its entries were written from, with them, until a write without one or the deletion', async () => {
    const index = await open()
    expect(await index.indexedVersion('w-elvebyen')).toBeNull()
    await index.replaceWorkshop('w-elvebyen', 'nb', elvebyen, 'v1')
    expect(await index.indexedVersion('w-elvebyen')).toBe('v1')
    expect(await index.indexedVersion('w-fjell')).toBeNull()
    await index.updateWorkshop('w-elvebyen', 'nb', { upsert: [], remove: ['n-kafe'] }, 'v2')
    expect(await index.indexedVersion('w-elvebyen')).toBe('v2')
    expect(await find(index, 'kafé', ['w-elvebyen'])).toEqual([])
    // Written without one (unknown): the next room to load the workshop indexes it again.
    await index.replaceWorkshop('w-elvebyen', 'nb', elvebyen)
    expect(await index.indexedVersion('w-elvebyen')).toBeNull()
    await index.replaceWorkshop('w-elvebyen', 'nb', elvebyen, 'v3')
    await index.removeWorkshop('w-elvebyen')
    expect(await index.indexedVersion('w-elvebyen')).toBeNull()
  })

  it('replacing a workshop with changed, new and missing entries leaves exactly the new set', async () => {
    const index = await filled()
    const renamed: SearchEntry = { ...elvebyen.find((e) => e.recordId === 'n-benker')!, title: 'Flere bord i parken' }
    const retagged: SearchEntry = { ...elvebyen.find((e) => e.recordId === 'a-midler')!, tags: 'lekeplass' }
    const added: SearchEntry = { ...renamed, recordId: 'n-lys', title: 'Lys langs elva' }
    const next = [...elvebyen.filter((e) => e.recordId !== 'n-kafe' && e.recordId !== 'n-benker' && e.recordId !== 'a-midler'), renamed, retagged, added]
    await index.replaceWorkshop('w-elvebyen', 'nb', next)
    expect(ids(await find(index, 'benker', ['w-elvebyen']))).toEqual(['w-elvebyen:st-vel'])
    expect(ids(await find(index, 'bord'))).toEqual(['w-elvebyen:n-benker'])
    expect(ids(await find(index, 'lekeplass'))).toEqual(['w-elvebyen:a-midler'])
    expect(ids(await find(index, 'lys')).sort()).toEqual(['w-elvebyen:n-lys', 'w-elvebyen:st-vel'])
    expect(await find(index, 'kafé')).toEqual([])
    // The same set again changes nothing.
    await index.replaceWorkshop('w-elvebyen', 'nb', next)
    expect(ids(await find(index, 'elvebyen', ['w-elvebyen']))).toEqual(['w-elvebyen:w-elvebyen'])
  })
}
