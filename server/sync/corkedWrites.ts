import type { Socket } from 'node:net'
import type { WebSocket } from 'ws'

/**
 * Frames sent to one socket in the same tick leave in one write.
 *
 * Every `ws.send` is a system call of its own (a `writev` of the frame's header and payload), and on
 * a busy room that call, not the encoding, is most of a broadcast's cost: a committed update and the
 * presence that changed meanwhile, or two batches announced together, were two calls per socket.
 * Corking the socket's stream for the rest of the tick makes them one; the stream is uncorked in
 * `process.nextTick`, after the broadcast loop (and any promise continuations queued by it) has run,
 * so nothing waits for a later turn of the event loop. `ws` keeps the underlying stream on
 * `_socket`; without it (a different transport in tests) sends go out as before.
 */
const corked = new Set<Socket>()

function uncorkAll(): void {
  for (const socket of corked) socket.uncork()
  corked.clear()
}

export function corkUntilNextTick(ws: WebSocket): void {
  const socket = (ws as WebSocket & { _socket?: Socket })._socket
  if (!socket || typeof socket.cork !== 'function' || corked.has(socket)) return
  if (corked.size === 0) process.nextTick(uncorkAll)
  socket.cork()
  corked.add(socket)
}
