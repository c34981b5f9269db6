/** @hocuspocus/server 3.4.4 with its defaults (in memory, no extensions). PORT from the environment. */
import { Server } from '@hocuspocus/server'

const port = Number(process.env.PORT ?? 1234)
const server = new Server({ port, address: '127.0.0.1', quiet: true, stopOnSignals: false })
await server.listen()
console.log(JSON.stringify({ listening: port }))
process.on('SIGTERM', () => process.exit(0))
