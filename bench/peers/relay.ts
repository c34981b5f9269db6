/**
 * The physical limit: a bare `ws` relay. Every binary frame is forwarded unchanged to the other
 * sockets with the same URL path (the room), and nothing else happens: no Y.Doc, no parsing, no
 * storage, no sync replies. PORT from the environment.
 */
import http from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'

const port = Number(process.env.PORT ?? 1234)
const rooms = new Map<string, Set<WebSocket>>()
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end('relay')
})
const wss = new WebSocketServer({ server })
wss.on('connection', (ws, request) => {
  const name = (request.url ?? '/').split('?')[0]!
  let room = rooms.get(name)
  if (!room) rooms.set(name, (room = new Set()))
  const members = room
  members.add(ws)
  ws.on('message', (data, isBinary) => {
    for (const other of members) if (other !== ws) other.send(data, { binary: isBinary })
  })
  ws.on('close', () => {
    members.delete(ws)
    if (members.size === 0) rooms.delete(name)
  })
  ws.on('error', () => ws.terminate())
})
server.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ listening: port })))
process.on('SIGTERM', () => process.exit(0))
