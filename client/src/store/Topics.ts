export type Listener = () => void

/**
 * The store's notifications, by topic ('boards', 'note:<id>', 'connection', …). Every part of the
 * store emits into one of these; components subscribe through the hooks, each to the one topic
 * whose snapshot it reads, so a change wakes only the components that show it.
 */
export class Topics {
  readonly #listeners = new Map<string, Set<Listener>>()

  subscribe(topic: string, listener: Listener): () => void {
    let set = this.#listeners.get(topic)
    if (!set) {
      set = new Set()
      this.#listeners.set(topic, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.#listeners.delete(topic)
    }
  }

  /** Calls a copy of the topic's listeners: one may unsubscribe another while they run. */
  emit(topic: string): void {
    const set = this.#listeners.get(topic)
    if (set) for (const listener of [...set]) listener()
  }

  clear(): void {
    this.#listeners.clear()
  }
}
