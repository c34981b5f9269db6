/**
 * Every limit the server enforces against one connection, one address or one workshop, with its
 * environment variable and default (README "Configuration"; why each default is what it is:
 * server/limits/README.md). Tests and the benchmark pass their own through createSamskapServer.
 */
export interface Limits {
  /** Largest websocket message; a bigger one closes the connection with 4413. */
  maxMessageBytes: number
  /**
   * Bytes one connection may send per minute (a bucket that holds this much and refills it every
   * minute), presence apart; more closes it with 4429. Sockets of one personal participant token
   * share it, so reconnecting does not refill it.
   */
  bytesPerMinute: number
  /** Presence bytes one connection may send per minute; more is dropped (stock clients echo everyone's presence). */
  awarenessBytesPerMinute: number
  /** Largest presence state (name, colour, cursor, view) one connection may announce; bigger closes it with 4413. */
  awarenessStateBytes: number
  /** Changes of its own presence a connection may make per second; more are dropped until the next second. */
  awarenessUpdatesPerSecond: number
  /** Open sync sockets from one client address; more are closed with 4430. */
  connectionsPerAddress: number
  /** A workshop's stored size (snapshot + log, with its held notes); growth beyond it is refused. */
  workshopMaxBytes: number
  /** Workshops one address may create per hour (`POST /api/workshops`). */
  workshopsPerAddressPerHour: number
  /** Imports one address may start per hour (`POST /api/workshops/import`). */
  importsPerAddressPerHour: number
  /** Largest import body. */
  importMaxBytes: number
  /** Wrong join codes one address may send per hour before `/api/join` answers 429. */
  joinFailuresPerAddressPerHour: number
  /** Wrong join codes one device (the join page's random id) may send per 5 minutes. */
  joinFailuresPerDevicePer5Minutes: number
  /**
   * Erasures of their own notes (`own.erase`) one person may ask for per hour in one workshop: each
   * compacts the workshop and rewrites every history snapshot holding their items; more are refused
   * with `tooOften`.
   */
  ownErasesPerPersonPerHour: number
  /**
   * Erasures one client address may ask for per hour in one workshop, whoever asks: a new identity
   * (the shared link's, a rejoin's) brings no new budget from the same address (EraseBudget.ts).
   */
  ownErasesPerAddressPerHour: number
}

export const MiB = 1024 * 1024

export const defaultLimits: Limits = {
  maxMessageBytes: MiB,
  bytesPerMinute: 2 * MiB,
  awarenessBytesPerMinute: 16 * MiB,
  awarenessStateBytes: 4096,
  awarenessUpdatesPerSecond: 30,
  connectionsPerAddress: 500,
  workshopMaxBytes: 16 * MiB,
  workshopsPerAddressPerHour: 100,
  importsPerAddressPerHour: 10,
  importMaxBytes: 20 * MiB,
  joinFailuresPerAddressPerHour: 300,
  joinFailuresPerDevicePer5Minutes: 10,
  ownErasesPerPersonPerHour: 10,
  ownErasesPerAddressPerHour: 60,
}

/** The environment variable of each limit (server/main.ts reads them; README lists them). */
export const limitEnvVars: Record<keyof Limits, string> = {
  maxMessageBytes: 'SYNC_MAX_MESSAGE_BYTES',
  bytesPerMinute: 'SYNC_BYTES_PER_MINUTE',
  awarenessBytesPerMinute: 'AWARENESS_BYTES_PER_MINUTE',
  awarenessStateBytes: 'AWARENESS_STATE_BYTES',
  awarenessUpdatesPerSecond: 'AWARENESS_UPDATES_PER_SECOND',
  connectionsPerAddress: 'CONNECTIONS_PER_ADDRESS',
  workshopMaxBytes: 'WORKSHOP_MAX_BYTES',
  workshopsPerAddressPerHour: 'WORKSHOPS_PER_ADDRESS_PER_HOUR',
  importsPerAddressPerHour: 'IMPORTS_PER_ADDRESS_PER_HOUR',
  importMaxBytes: 'IMPORT_MAX_BYTES',
  joinFailuresPerAddressPerHour: 'JOIN_FAILURES_PER_ADDRESS_PER_HOUR',
  joinFailuresPerDevicePer5Minutes: 'JOIN_FAILURES_PER_DEVICE_PER_5_MINUTES',
  ownErasesPerPersonPerHour: 'OWN_ERASES_PER_PERSON_PER_HOUR',
  ownErasesPerAddressPerHour: 'OWN_ERASES_PER_ADDRESS_PER_HOUR',
}

/**
 * The limits from the environment: each variable that is set must be a positive integer.
 * Resolves the problems as a list instead of throwing, so main.ts can name every bad one.
 */
export function limitsFromEnv(env: Record<string, string | undefined>): { limits: Limits; problems: string[] } {
  const limits = { ...defaultLimits }
  const problems: string[] = []
  for (const key of Object.keys(limitEnvVars) as (keyof Limits)[]) {
    const raw = env[limitEnvVars[key]]
    if (raw === undefined || raw === '') continue
    const value = Number(raw)
    if (!Number.isSafeInteger(value) || value <= 0) problems.push(`${limitEnvVars[key]} must be a positive integer (got ${JSON.stringify(raw)})`)
    else limits[key] = value
  }
  return { limits, problems }
}
