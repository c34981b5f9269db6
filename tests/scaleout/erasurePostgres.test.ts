import { afterEach, describe, it } from 'vitest'
import { eraseReachesStorage, type StoredBytes } from '../server/erasureScenario'
import { TestResources } from '../server/helpers'
import { isolate, queryTestSchema, startInstance } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

describe('a resident’s erasure on PostgreSQL', () => {
  it('is gone from every stored byte: history snapshots, update log and held notes; restoring brings none of it back', async () => {
    const isolation = await isolate(resources)
    const server = await startInstance(resources, isolation)
    await eraseReachesStorage(resources, server, async (workshopId): Promise<StoredBytes> => {
      const rows = async (sql: string) => (await queryTestSchema<{ data: Buffer }>(isolation, sql, [workshopId, `${workshopId}/%`])).map((row) => row.data)
      return {
        history: await rows('SELECT state AS data FROM history WHERE workshop_id = $1 OR workshop_id LIKE $2'),
        documents: [
          ...(await rows('SELECT data FROM snapshots WHERE workshop_id = $1 OR workshop_id LIKE $2')),
          ...(await rows('SELECT data FROM updates WHERE workshop_id = $1 OR workshop_id LIKE $2')),
        ],
      }
    })
  })
})
