import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { Transport } from './Transport'

afterEach(() => {
  vi.unstubAllGlobals()
})

function transportWith(shareAcrossTabs: boolean | undefined): Transport {
  // A browser's WebSocket, never opened: the transport waits for connect().
  vi.stubGlobal('WebSocket', class {})
  return new Transport(
    new Y.Doc(),
    { workshopId: 'w1', serverUrl: 'ws://127.0.0.1:1/sync', token: null, identity: null, shouldReconnect: () => true, connect: false, ...(shareAcrossTabs === undefined ? {} : { shareAcrossTabs }) },
    () => {},
  )
}

describe('Transport', () => {
  it('tells other tabs of the document by default (the board pages)', () => {
    const transport = transportWith(undefined)
    expect(transport.provider.disableBc).toBe(false)
    transport.destroy()
  })

  it('keeps no BroadcastChannel when told not to share across tabs (the phone, which would post its whole document on every connect)', () => {
    const transport = transportWith(false)
    expect(transport.provider.disableBc).toBe(true)
    transport.destroy()
  })
})
