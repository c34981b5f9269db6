import pg from 'pg'

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

/**
 * A pool for one PostgreSQL store with its tables in place: queries time out (a hung database fails a
 * write instead of stalling it), an idle connection the server drops is logged rather than crashing
 * the process, and `ddl` runs under an advisory lock so instances starting together do not race on
 * `CREATE … IF NOT EXISTS` (in `schema`, created if missing, when given).
 */
export async function openPgPool(options: {
  connectionString: string
  schema?: string
  max: number
  log: { warn(details: object, message: string): void }
  /** Names the store in the log. */
  name: string
  lockKey: number
  ddl: string
}): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    connectionTimeoutMillis: 5_000,
    query_timeout: 15_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  })
  pool.on('error', (error) => options.log.warn({ err: error }, `idle PostgreSQL connection (${options.name}) failed`))
  try {
    await pgTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, 0)', [options.lockKey])
      if (options.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`)
      await client.query(options.ddl)
    })
  } catch (error) {
    await pool.end()
    throw error
  }
  return pool
}
