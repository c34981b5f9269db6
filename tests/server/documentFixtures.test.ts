import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps, migrateWorkshop, readRecord, readSchemaVersions } from '../../shared/doc/workshopDoc'
import { setMigrationStepListener } from '../../shared/schema/Migration'
import { readSession } from '../../shared/schema/records/sessionHistory'
import { validateWorkshopMeta } from '../../shared/schema/records/workshopMeta'
import { currentSchema, encodeSchemaVersions, itemValidators, validateBoard, validateItem } from '../../shared/schema/schema'
import { SqlitePersistence } from '../../server/persistence/SqlitePersistence'
import { connectControl, joinWorkshop, synced, TestResources, testAccess, waitFor } from './helpers'

/**
 * Stored documents from every schema version set the project has had, written by the code of the
 * commit that last wrote that set and frozen as bytes (tests/fixtures/README.md). Today's code
 * must migrate each to the current versions with every record valid and nothing written lost, and
 * a server must serve each from a SQLite data directory as it stores documents.
 */
const fixtureDir = path.resolve(import.meta.dirname, '../fixtures/documents')

interface DocumentFixture {
  name: string
  commit: string
  schema: Record<string, number>
  meta: Record<string, unknown>
  boards: Record<string, Record<string, unknown>>
  items: Record<string, Record<string, unknown>>
  session: Record<string, unknown>
}

const fixtures = fs
  .readdirSync(fixtureDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => {
    const fixture = JSON.parse(fs.readFileSync(path.join(fixtureDir, file), 'utf8')) as DocumentFixture
    return { fixture, bytes: new Uint8Array(fs.readFileSync(path.join(fixtureDir, `${fixture.name}.bin`))) }
  })
const named = fixtures.map((entry) => [entry.fixture.name, entry] as const)

const resources = new TestResources()
afterEach(() => resources.dispose())

function load(bytes: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, bytes)
  resources.defer(() => doc.destroy())
  return doc
}

/** Everything a workshop document holds, as plain records. */
function contentOf(doc: Y.Doc) {
  const { meta, boards, items, session } = getWorkshopMaps(doc)
  return {
    meta: meta.toJSON() as Record<string, unknown>,
    boards: Object.fromEntries([...boards.entries()].map(([id, map]) => [id, readRecord(map)])),
    items: Object.fromEntries([...items.entries()].map(([id, map]) => [id, readRecord(map)])),
    session: session.toJSON() as Record<string, unknown>,
  }
}

/** Every record valid by today's validators (the session field by field), or the first problem. */
function problemsOf(doc: Y.Doc): string[] {
  const content = contentOf(doc)
  const { schema: _schema, ...meta } = content.meta
  const problems: string[] = []
  const check = (result: { ok: true } | { ok: false; error: string }) => {
    if (!result.ok) problems.push(result.error)
  }
  check(validateWorkshopMeta(meta))
  for (const board of Object.values(content.boards)) check(validateBoard(board))
  for (const item of Object.values(content.items)) check(validateItem(item))
  problems.push(...readSession(content.session).errors)
  return problems
}

/**
 * The fields a migration step changes on purpose, by item id: card 4 moves a due date past its
 * month's end to the month's last day (docs/schema.md, card).
 */
const changedByMigration: Record<string, Record<string, unknown>> = {
  'card-impossible-date': { dueDate: '2026-02-28' },
}

/** What the fixture says was written must still be there, field for field (migrations only add, but for changedByMigration). */
function expectWrittenContent(doc: Y.Doc, fixture: DocumentFixture): void {
  const content = contentOf(doc)
  const items = Object.fromEntries(Object.entries(fixture.items).map(([id, item]) => [id, { ...item, ...changedByMigration[id] }]))
  expect(content.meta, `${fixture.name}: meta`).toMatchObject(fixture.meta)
  expect(content.boards, `${fixture.name}: boards`).toMatchObject(fixture.boards)
  expect(content.items, `${fixture.name}: items`).toMatchObject(items)
  expect(content.session, `${fixture.name}: session`).toMatchObject(fixture.session)
}

describe('frozen documents from earlier schema versions (tests/fixtures/documents)', () => {
  it('has a fixture of today’s versions with every item kind, so the next version bump leaves one behind', () => {
    const today = fixtures.filter(({ fixture }) => encodeSchemaVersions(fixture.schema) === encodeSchemaVersions(currentSchema))
    expect(
      today.map(({ fixture }) => fixture.name),
      `no fixture was written at today's versions (${encodeSchemaVersions(currentSchema)}): after a version bump, commit, ` +
        'then add a line for the new commit to tests/fixtures/makeDocumentFixtures.sh and run it (tests/fixtures/README.md)',
    ).not.toEqual([])
    const kinds = new Set(today.flatMap(({ fixture }) => Object.values(fixture.items).map((item) => item.kind)))
    expect(
      [...kinds].sort(),
      'the fixture of today’s versions lacks an item kind: add a sample of it to tests/fixtures/makeDocumentFixture.ts and regenerate',
    ).toEqual(Object.keys(itemValidators).sort())
  })

  it('opens every fixture the script writes, and the script writes every fixture there is', () => {
    // A fixture dropped or renamed (as v5-card-origin was, when its card version became another's)
    // must leave neither a line in the script nor files behind, nor a .bin without its .json.
    const script = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/makeDocumentFixtures.sh'), 'utf8')
    const scripted = [...script.matchAll(/^want (\S+)\s+&& fixture \1 [0-9a-f]{7,40}\b/gm)].map((match) => match[1])
    const files = fs.readdirSync(fixtureDir).filter((file) => /\.(bin|json)$/.test(file))
    expect(files.sort()).toEqual(scripted.flatMap((name) => [`${name}.bin`, `${name}.json`]).sort())
    expect(fixtures.map(({ fixture }) => fixture.name)).toEqual([...scripted].sort())
  })

  it('keeps fixtures from more than one version set', () => {
    expect(new Set(fixtures.map(({ fixture }) => encodeSchemaVersions(fixture.schema))).size).toBeGreaterThanOrEqual(3)
  })

  it.each(named)('%s: the bytes hold what its JSON says was written, at its versions', (_name, { fixture, bytes }) => {
    const doc = load(bytes)
    expect(readSchemaVersions(doc)).toEqual(fixture.schema)
    const { schema: _schema, ...meta } = contentOf(doc).meta
    expect({ ...contentOf(doc), meta }).toEqual({ meta: fixture.meta, boards: fixture.boards, items: fixture.items, session: fixture.session })
  })

  it.each(named)('%s: migrates to today’s versions, every record valid and everything written kept', (_name, { fixture, bytes }) => {
    const doc = load(bytes)
    const stepsRun: string[] = []
    setMigrationStepListener((id) => stepsRun.push(id))
    try {
      migrateWorkshop(doc)
    } finally {
      setMigrationStepListener(undefined)
    }
    expect(readSchemaVersions(doc)).toEqual(currentSchema)
    expect(problemsOf(doc)).toEqual([])
    expectWrittenContent(doc, fixture)
    // A record of an older version went through its steps (one run per record per step).
    for (const [kind, version] of Object.entries(fixture.schema)) {
      if (version < (currentSchema[kind] ?? 0)) expect(stepsRun.some((id) => id.startsWith(`${kind}/`)), `${kind} steps ran`).toBe(true)
    }
  })

  it.each(named)('%s: a server serves it from its SQLite data directory, migrated, and stores the migration', async (_name, { fixture, bytes }) => {
    const dataDir = await resources.tempDir()
    const id = `fixture-${fixture.name}`
    const access = testAccess(id)
    const direct = new SqlitePersistence(dataDir)
    const meta = fixture.meta as { title: string; language: string; createdAt: number }
    await direct.createWorkshop({ id, title: meta.title, language: meta.language, createdAt: meta.createdAt }, bytes, access)
    await direct.close()

    const server = await resources.startServer({ dataDir })
    const facilitator = connectControl(resources, server.url, id, access.facilitatorKey)
    await synced(facilitator.provider)
    expect(readSchemaVersions(facilitator.doc)).toEqual(currentSchema)
    expect(problemsOf(facilitator.doc)).toEqual([])
    expectWrittenContent(facilitator.doc, fixture)

    // The migrated document is live: a participant who joins by its code adds a note (adding is open
    // whatever the stored session says), and a board the stored session locked stays locked.
    const joined = await joinWorkshop(server.url, { code: access.code })
    const participant = connectControl(resources, server.url, id, joined.token)
    await synced(participant.provider)
    const added = { ...fixture.items['note-bench']!, id: 'note-added', text: 'Lagt til etter migreringen', sdgs: [], dimension: '' }
    expect(validateItem(added).ok).toBe(true)
    getWorkshopMaps(participant.doc).items.set('note-added', createRecordMap(added))
    await waitFor(() => getWorkshopMaps(facilitator.doc).items.has('note-added'), 'the new note reaches the facilitator')
    const locked = (fixture.session.lockedBoards as string[] | undefined) ?? []
    const onLocked = Object.values(fixture.items).find((item) => locked.includes(item.boardId as string))
    if (onLocked) {
      getWorkshopMaps(participant.doc).items.delete(onLocked.id as string)
      await waitFor(() => participant.messages.some((m) => m.type === 'refused' && m.reason === 'locked'), 'the delete on a locked board is refused')
      await waitFor(() => getWorkshopMaps(participant.doc).items.has(onLocked.id as string), 'and undone for the participant')
    }
    const served = contentOf(facilitator.doc)
    await waitFor(() => JSON.stringify(contentOf(participant.doc)) === JSON.stringify(served), 'both hold the same document')
    await server.close()

    // On disk: the migration and the edit, read back without a server.
    const reread = new SqlitePersistence(dataDir)
    const stored = await reread.loadDocument(id)
    await reread.close()
    const doc = new Y.Doc()
    resources.defer(() => doc.destroy())
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    expect(readSchemaVersions(doc)).toEqual(currentSchema)
    expect(contentOf(doc)).toEqual(served)
    expect(readRecord(getWorkshopMaps(doc).items.get('note-added')!)).toEqual(added)
  })
})
