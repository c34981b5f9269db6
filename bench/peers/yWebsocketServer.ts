/**
 * The reference y-websocket server (@y/websocket-server 0.1.1) as the peers run it: in memory by
 * default, LevelDB when YPERSISTENCE=<dir> is set (utils.js reads it at import). The room is the URL
 * path, as in its own bin/server.js. PORT from the environment.
 */
import http from 'node:http'
import { WebSocketServer } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'

const port = Number(process.env.PORT ?? 1234)
const wss = new WebSocketServer({ noServer: true })
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end('okay')
})
wss.on('connection', (ws, request) => setupWSConnection(ws, request))
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
server.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ listening: port })))
process.on('SIGTERM', () => process.exit(0))
