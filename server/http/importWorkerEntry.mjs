// The import worker's entry (server/http/importInWorker.ts): a worker thread does not inherit the
// TypeScript loader in every setup (tests run the server inside vitest), so it registers tsx itself.
import { register } from 'tsx/esm/api'

register()
await import('./importWorker.ts')
