import type { RecordMap } from '../../../shared/doc/workshopDoc'
import type { ItemKind, ItemRecord } from '../../../shared/schema/schema'
import type * as Y from 'yjs'
import type { ItemsRead, RecordSnapshots } from './RecordSnapshots'

/** One item changed by someone else; `authorClientId` matches a `Peer.clientId` when known. */
export interface RemoteChange {
  id: string
  kind: ItemKind
  boardId: string
  action: 'added' | 'changed' | 'removed'
  authorClientId: number | null
}

/**
 * Other people's item changes as they arrive from the server, with their author, for announcing
 * them to screen readers. Not news: the first sync, this browser's stored copy, own edits; `isNews`
 * tells which transactions are.
 */
export class RemoteChanges {
  readonly #items: Y.Map<RecordMap>
  readonly #records: RecordSnapshots
  readonly #isNews: (transaction: Y.Transaction) => boolean
  readonly #listeners = new Set<(changes: readonly RemoteChange[]) => void>()

  constructor(items: Y.Map<RecordMap>, records: RecordSnapshots, isNews: (transaction: Y.Transaction) => boolean) {
    this.#items = items
    this.#records = records
    this.#isNews = isNews
    records.onItemsRead(this.#report)
  }

  subscribe(listener: (changes: readonly RemoteChange[]) => void): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /**
   * The author of an insert is the Yjs client id in the new struct's id, which is the same id the
   * author's awareness state is keyed by; a removal carries no author (Yjs deletes create no struct).
   */
  readonly #report = ({ events, transaction, removed }: ItemsRead): void => {
    if (this.#listeners.size === 0 || !this.#isNews(transaction)) return
    const changes = new Map<string, RemoteChange>()
    const changed = (item: ItemRecord, action: RemoteChange['action'], authorClientId: number | null) =>
      changes.set(item.id, { id: item.id, kind: item.kind, boardId: item.boardId, action, authorClientId })
    for (const event of events) {
      if (event.target === this.#items) {
        for (const [id, change] of event.changes.keys) {
          const item = change.action === 'delete' ? removed.get(id) : this.#records.getItem(id)
          if (!item) continue
          const action = change.action === 'add' ? 'added' : change.action === 'delete' ? 'removed' : 'changed'
          changed(item, action, change.action === 'delete' ? null : (this.#items._map.get(id)?.id.client ?? null))
        }
      } else {
        const id = event.path[0]
        if (typeof id !== 'string' || changes.has(id)) continue
        const item = this.#records.getItem(id)
        if (!item) continue
        let authorClientId: number | null = null
        for (const key of event.changes.keys.keys()) {
          authorClientId = event.target._map.get(key)?.id.client ?? authorClientId
        }
        changed(item, 'changed', authorClientId)
      }
    }
    if (changes.size === 0) return
    const list = [...changes.values()]
    for (const listener of [...this.#listeners]) listener(list)
  }

  destroy(): void {
    this.#listeners.clear()
  }
}
