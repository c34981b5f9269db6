import type { HistoryCounts } from '../../../shared/logic/history'
import type { BoardRecord } from '../../../shared/schema/records/board'
import type { ItemRecord } from '../../../shared/schema/schema'
import { authHeaders } from '../access/workshopAccess'

/** Calls to the history API (server/history/README.md). Expected failures come back as values. */
export interface HistoryEntry {
  id: string
  createdAt: number
  kind: 'auto' | 'checkpoint'
  label: string
  counts: HistoryCounts
}

export interface HistorySnapshot {
  entry: HistoryEntry
  meta: Record<string, unknown>
  boards: BoardRecord[]
  items: ItemRecord[]
}

export type HistoryResult<T> = { ok: true; value: T } | { ok: false; kind: 'network' } | { ok: false; kind: 'server'; status: number; message: string | null }

function historyUrl(workshopId: string, historyId?: string): string {
  const base = `/api/workshops/${encodeURIComponent(workshopId)}/history`
  return historyId === undefined ? base : `${base}/${encodeURIComponent(historyId)}`
}

async function call<T>(workshopId: string, url: string, init: RequestInit, read: (body: unknown) => T | null): Promise<HistoryResult<T>> {
  let response: Response
  try {
    response = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...authHeaders(workshopId) } })
  } catch {
    return { ok: false, kind: 'network' }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.ok) {
    const value = read(body)
    if (value !== null) return { ok: true, value }
    return { ok: false, kind: 'server', status: response.status, message: null }
  }
  const error = (body as { error?: unknown } | null)?.error
  return { ok: false, kind: 'server', status: response.status, message: typeof error === 'string' ? error : null }
}

function isEntry(value: unknown): value is HistoryEntry {
  const v = value as Partial<HistoryEntry> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.createdAt === 'number' &&
    (v.kind === 'auto' || v.kind === 'checkpoint') &&
    typeof v.label === 'string' &&
    typeof v.counts === 'object' &&
    v.counts !== null
  )
}

export function fetchHistory(workshopId: string, signal?: AbortSignal): Promise<HistoryResult<HistoryEntry[]>> {
  return call(workshopId, historyUrl(workshopId), { signal }, (body) => {
    const entries = (body as { entries?: unknown } | null)?.entries
    return Array.isArray(entries) ? entries.filter(isEntry) : null
  })
}

/**
 * A checkpoint of the state now. `restoring`: the snapshot about to be restored, which the server
 * writes to the audit log (the restore itself is an ordinary edit it cannot tell from others).
 */
export function createCheckpoint(workshopId: string, label: string, restoring?: string): Promise<HistoryResult<HistoryEntry>> {
  return call(
    workshopId,
    historyUrl(workshopId),
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(restoring ? { label, restoring } : { label }) },
    (body) => (isEntry(body) ? body : null),
  )
}

/** The snapshot's records; the store validates each again when a restore plan is applied. */
export function fetchSnapshot(workshopId: string, historyId: string, signal?: AbortSignal): Promise<HistoryResult<HistorySnapshot>> {
  return call(workshopId, historyUrl(workshopId, historyId), { signal }, (body) => {
    const b = body as Partial<HistorySnapshot> | null
    return b && isEntry(b.entry) && Array.isArray(b.boards) && Array.isArray(b.items) ? (b as HistorySnapshot) : null
  })
}
