import { describe, expect, it } from 'vitest'
import { createStore } from './createStore'

describe('createStore', () => {
  it('merges patches and tells listeners the new and the previous state', () => {
    const store = createStore({ tool: 'select', zoom: 1 })
    const seen: [string, string][] = []
    store.subscribe((state, previous) => seen.push([state.tool, previous.tool]))
    store.setState({ tool: 'pen' })
    store.setState((s) => ({ zoom: s.zoom * 2 }))
    expect(store.getState()).toEqual({ tool: 'pen', zoom: 2 })
    expect(seen).toEqual([
      ['pen', 'select'],
      ['pen', 'pen'],
    ])
  })

  it('keeps the same state object and stays quiet when nothing changed', () => {
    const selection = new Set(['a'])
    const store = createStore({ selection, tool: 'select' })
    const before = store.getState()
    let calls = 0
    store.subscribe(() => calls++)
    store.setState({ selection, tool: 'select' })
    expect(store.getState()).toBe(before)
    expect(calls).toBe(0)
  })

  it('stops calling a listener once unsubscribed', () => {
    const store = createStore({ n: 0 })
    const calls: number[] = []
    const off = store.subscribe((state) => calls.push(state.n))
    store.setState({ n: 1 })
    off()
    store.setState({ n: 2 })
    expect(calls).toEqual([1])
  })
})
