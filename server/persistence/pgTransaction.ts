import type pg from 'pg'

/**
 * Runs `work` in one transaction on a connection of its own from `pool`, for every PostgreSQL store
 * (persistence, staff, search). A failed transaction is rolled back and its error thrown; a
 * connection that failed mid-transaction (the rollback fails too) is destroyed, not returned to the
 * pool. A connection the server ends while it is checked out (a restart, pg_terminate_backend) emits
 * 'error' on the client, not the pool: it is listened for here, since unheard it is an uncaught
 * exception; the query in flight rejects as well, and that is what the transaction reports.
 */
export async function pgTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect()
  const ignore = (): void => {}
  client.on('error', ignore)
  let broken: Error | undefined
  try {
    await client.query(begin)
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error))
    try {
      await client.query('ROLLBACK')
      broken = undefined // the connection is fine; only the transaction failed
    } catch {
      // The connection is discarded below.
    }
    throw error
  } finally {
    client.off('error', ignore)
    client.release(broken)
  }
}
