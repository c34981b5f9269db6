import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { corkUntilNextTick } from './corkedWrites'

describe('corkUntilNextTick', () => {
  it('corks a socket once per tick and uncorks it after the code that sent', async () => {
    const stream = { cork: vi.fn(), uncork: vi.fn() }
    const ws = { _socket: stream } as unknown as WebSocket
    corkUntilNextTick(ws)
    corkUntilNextTick(ws)
    expect(stream.cork).toHaveBeenCalledTimes(1)
    expect(stream.uncork).not.toHaveBeenCalled()
    await new Promise<void>((resolve) => process.nextTick(resolve))
    expect(stream.uncork).toHaveBeenCalledTimes(1)
    // A new tick corks again.
    corkUntilNextTick(ws)
    expect(stream.cork).toHaveBeenCalledTimes(2)
    await new Promise<void>((resolve) => process.nextTick(resolve))
    expect(stream.uncork).toHaveBeenCalledTimes(2)
  })

  it('leaves a socket without a stream alone', () => {
    expect(() => corkUntilNextTick({} as WebSocket)).not.toThrow()
  })

  it('delivers frames sent in one tick whole and in order, in one write', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await once(server, 'listening')
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`)
    const [serverSide] = (await once(server, 'connection')) as [WebSocket]
    await once(client, 'open')
    const received: number[][] = []
    const all = new Promise<void>((resolve) =>
      client.on('message', (data: Buffer) => {
        received.push([...data])
        if (received.length === 3) resolve()
      }),
    )
    const stream = (serverSide as WebSocket & { _socket: import('node:net').Socket })._socket
    const writev = vi.spyOn(stream, '_writev' as never)
    for (const frame of [[1], [2, 2], [3, 3, 3]]) {
      corkUntilNextTick(serverSide)
      serverSide.send(new Uint8Array(frame))
    }
    await all
    expect(received).toEqual([[1], [2, 2], [3, 3, 3]])
    // Three frames of two buffers each (header and payload), written together.
    expect(writev).toHaveBeenCalledTimes(1)
    client.close()
    server.close()
  })
})
