import pino from 'pino'
import { createSamskapServer, type SamskapServerOptions } from '../../server/createSamskapServer'

/*
 * One Samskap instance in a process of its own, for tests that kill it (kill -9 by PID): started
 * with `node --import tsx tests/scaleout/instanceProcess.ts '<options as JSON>'`, it prints
 * `ready <url>` on stdout once it listens. (server/main.ts reads the environment, which has no
 * per-test schema or Redis prefix.)
 */
const options = JSON.parse(process.argv[2] ?? '{}') as SamskapServerOptions
const server = await createSamskapServer({ port: 0, ...options, logger: pino({ level: 'warn' }, pino.destination(2)) })
process.stdout.write(`ready ${server.url}\n`)
