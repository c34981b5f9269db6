import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { Presence } from './Presence'

// Presence against real awareness instances exchanging updates in memory, as two browsers would
// through the server.

const opened: Awareness[] = []
afterEach(() => {
  for (const awareness of opened.splice(0)) awareness.destroy()
})

function browser(): Awareness {
  const awareness = new Awareness(new Y.Doc())
  opened.push(awareness)
  return awareness
}

/** Sends `from`'s own state to `to`, as the server relays it. */
function relay(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'server')
}

function counted(): { emit: (topic: string) => void; topics: string[] } {
  const topics: string[] = []
  return { emit: (topic) => topics.push(topic), topics }
}

describe('Presence', () => {
  it('publishes this person and reads the others, without itself', () => {
    const mine = browser()
    const theirs = browser()
    const presence = new Presence(mine, 'Kari', () => {})
    const other = new Presence(theirs, 'Ola', () => {})
    relay(theirs, mine)
    expect(presence.getPeers().map((peer) => peer.name)).toEqual(['Ola'])
    expect(mine.getLocalState()).toMatchObject({ user: { name: 'Kari', color: presence.getSelfColor() } })
    other.setCursor({ boardId: 'b1', x: 4, y: 5 })
    relay(theirs, mine)
    expect(presence.getPeers()[0]?.cursor).toEqual({ boardId: 'b1', x: 4, y: 5 })
  })

  it('keeps the peer list while only this person’s own cursor moves', () => {
    const mine = browser()
    const theirs = browser()
    const { emit, topics } = counted()
    const presence = new Presence(mine, 'Kari', emit)
    new Presence(theirs, 'Ola', () => {})
    relay(theirs, mine)
    const peers = presence.getPeers()
    topics.length = 0
    presence.setCursor({ boardId: 'b1', x: 1, y: 1 })
    presence.setCursor({ boardId: 'b1', x: 2, y: 2 })
    expect(presence.getPeers()).toBe(peers)
    expect(topics).toEqual([])
  })

  it('renews the peer list when this person takes a new name, since lists of people show them too', () => {
    const { emit, topics } = counted()
    const presence = new Presence(browser(), 'Kari', emit)
    const peers = presence.getPeers()
    topics.length = 0
    presence.setUserName('Kari N.')
    expect(presence.getSelfName()).toBe('Kari N.')
    expect(presence.getPeers()).not.toBe(peers)
    expect(topics).toEqual(['peers'])
    presence.setUserName('Kari N.')
    expect(topics).toEqual(['peers'])
  })

  it('renews only the peer who changed', () => {
    const mine = browser()
    const [a, b] = [browser(), browser()]
    const presence = new Presence(mine, 'Kari', () => {})
    const anne = new Presence(a, 'Anne', () => {})
    new Presence(b, 'Bo', () => {})
    relay(a, mine)
    relay(b, mine)
    const [anneBefore, boBefore] = presence.getPeers()
    anne.setViewedBoard('b2')
    relay(a, mine)
    const [anneAfter, boAfter] = presence.getPeers()
    expect(anneAfter).not.toBe(anneBefore)
    expect(anneAfter?.boardId).toBe('b2')
    expect(boAfter).toBe(boBefore)
  })

  it('reads other people’s states defensively', () => {
    const mine = browser()
    const theirs = browser()
    const presence = new Presence(mine, 'Kari', () => {})
    theirs.setLocalState({
      user: { name: 'x'.repeat(100), color: 'red; background: url(evil)' },
      boardId: 7,
      cursor: { boardId: 'b1', x: Number.NaN, y: 0 },
      view: { boardId: 'b1', x: 0, y: 0, scale: 0 },
      access: { role: 'admin', participantId: 'p1' },
    })
    relay(theirs, mine)
    const [peer] = presence.getPeers()
    expect(peer).toMatchObject({ cursor: null, view: null, boardId: null, role: null, participantId: 'p1' })
    expect(peer?.name).toHaveLength(40)
    expect(peer?.color).toMatch(/^#[0-9a-f]{6}$/i)
  })

  it('after it is destroyed, is gone for others and still answers a component tearing down', () => {
    const mine = browser()
    const presence = new Presence(mine, 'Kari', () => {})
    presence.destroy()
    expect(mine.getLocalState()).toBeNull()
    presence.setCursor({ boardId: 'b1', x: 1, y: 1 })
    presence.setView({ boardId: 'b1', x: 0, y: 0, scale: 1 })
    expect(mine.getLocalState()).toBeNull()
    expect(presence.getSelfName()).toBe('Kari')
  })
})
