import type { Logger } from '../log'
import type { StaffStorage } from '../staff/StaffStorage'

/** `RETENTION_DAYS` when it is not set: a year after the last activity. */
export const DEFAULT_RETENTION_DAYS = 365
/** Retention runs once when the server starts and then once a day. */
export const RETENTION_SWEEP_EVERY_MS = 24 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

export interface RetentionOptions {
  /** `RETENTION_DAYS`: days after the last activity a workshop is deleted; 0 keeps everything. */
  days: number
  storage: StaffStorage
  /** Deletes one workshop completely (rows, documents, history, photos only it used); false if it was gone. */
  deleteWorkshop: (workshopId: string) => Promise<boolean>
  log: Logger
  /** The time; tests move it forward instead of waiting a year. */
  clock?: () => number
}

/**
 * Deletes workshops nobody has used for `days` days: counted from the latest of when it was
 * created, last edited (server/staff/activityTracker.ts) and last kept by its owner ("Behold").
 * What goes is what an administrator's delete removes. Every instance may sweep (a workshop
 * another one deleted first is skipped), and a sweep that fails is logged and tried again the
 * next day: deletion never takes the server down.
 */
export class Retention {
  readonly days: number
  readonly #options: RetentionOptions
  readonly #clock: () => number
  #timer: NodeJS.Timeout | null = null
  #running: Promise<string[]> | null = null

  constructor(options: RetentionOptions) {
    this.days = options.days
    this.#options = options
    this.#clock = options.clock ?? Date.now
  }

  get enabled(): boolean {
    return this.days > 0
  }

  now(): number {
    return this.#clock()
  }

  /** When a workshop will be deleted, from its dates; null when retention is off. */
  deletesAt(dates: { createdAt: number; lastActivityAt: number | null; keptAt: number | null }): number | null {
    if (!this.enabled) return null
    return Math.max(dates.createdAt, dates.lastActivityAt ?? 0, dates.keptAt ?? 0) + this.days * DAY_MS
  }

  /** Sweeps now and then every day until `stop()`. */
  start(): void {
    if (!this.enabled || this.#timer) return
    void this.sweep()
    this.#timer = setInterval(() => void this.sweep(), RETENTION_SWEEP_EVERY_MS)
    this.#timer.unref()
  }

  /** Stops the daily sweep and waits for one under way. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    await this.#running?.catch(() => undefined)
  }

  /** Deletes every workshop past its date; resolves with their ids. One sweep at a time. */
  sweep(): Promise<string[]> {
    if (!this.enabled) return Promise.resolve([])
    this.#running ??= this.#sweep().finally(() => {
      this.#running = null
    })
    return this.#running
  }

  async #sweep(): Promise<string[]> {
    const { storage, log } = this.#options
    const now = this.#clock()
    const deleted: string[] = []
    try {
      const adopted = await storage.trackUntracked(now)
      if (adopted > 0) log.info({ workshops: adopted, days: this.days }, 'retention counts existing workshops from today')
      for (const workshopId of await storage.unusedSince(now - this.days * DAY_MS)) {
        try {
          if (await this.#options.deleteWorkshop(workshopId)) deleted.push(workshopId)
        } catch (error) {
          log.error({ err: error, workshopId }, 'retention could not delete a workshop; trying again at the next sweep')
        }
      }
    } catch (error) {
      log.error({ err: error }, 'retention sweep failed; trying again at the next sweep')
    }
    if (deleted.length > 0) log.info({ workshops: deleted, days: this.days }, 'retention deleted unused workshops')
    return deleted
  }
}
