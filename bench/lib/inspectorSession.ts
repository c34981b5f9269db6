import WebSocket from 'ws'

interface Pending {
  resolve: (result: Record<string, unknown>) => void
  reject: (error: Error) => void
}

/**
 * A Chrome DevTools Protocol session to a server started with `--inspect` (bench/lib/servers.ts),
 * reaching its worker threads too (`NodeWorker` domain): how the memory tools read what a process
 * and each of its isolates hold without any server code.
 */
export class InspectorSession {
  readonly #ws: WebSocket
  #nextId = 0
  readonly #pending = new Map<number, Pending>()
  /** Worker sessions by id, each with its own pending calls (the worker's ids are its own). */
  readonly #workers = new Map<string, { url: string; pending: Map<number, Pending> }>()

  private constructor(ws: WebSocket) {
    this.#ws = ws
    ws.on('message', (data: WebSocket.RawData) => this.#receive(JSON.parse(data.toString()) as Message))
  }

  static async open(inspectorPort: number): Promise<InspectorSession> {
    const list = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[]
    const target = list[0]?.webSocketDebuggerUrl
    if (!target) throw new Error('no inspector target')
    const ws = new WebSocket(target)
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return new InspectorSession(ws)
  }

  call(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = ++this.#nextId
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      this.#ws.send(JSON.stringify({ id, method, params }))
    })
  }

  /** Attaches to every worker thread; resolves with their session ids once the list settles. */
  async workers(): Promise<string[]> {
    await this.call('NodeWorker.enable', { waitForDebuggerOnStart: false })
    await new Promise((resolve) => setTimeout(resolve, 300))
    return [...this.#workers.keys()]
  }

  callWorker(sessionId: string, method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const worker = this.#workers.get(sessionId)
    if (!worker) return Promise.reject(new Error(`no worker ${sessionId}`))
    const id = ++this.#nextId
    return new Promise((resolve, reject) => {
      worker.pending.set(id, { resolve, reject })
      void this.call('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method, params }) })
    })
  }

  /** A JSON-serialisable expression's value, in the main isolate or a worker. */
  async evaluate<T>(expression: string, worker?: string): Promise<T> {
    const params = { expression, returnByValue: true, includeCommandLineAPI: true }
    const result = worker ? await this.callWorker(worker, 'Runtime.evaluate', params) : await this.call('Runtime.evaluate', params)
    const { result: value, exceptionDetails } = result as { result: { value: T }; exceptionDetails?: unknown }
    if (exceptionDetails) throw new Error(`evaluate failed: ${JSON.stringify(exceptionDetails)}`)
    return value.value
  }

  close(): void {
    this.#ws.close()
  }

  #receive(message: Message): void {
    if (message.id !== undefined) {
      const pending = this.#pending.get(message.id)
      if (!pending) return
      this.#pending.delete(message.id)
      if (message.error) pending.reject(new Error(JSON.stringify(message.error)))
      else pending.resolve(message.result ?? {})
      return
    }
    if (message.method === 'NodeWorker.attachedToWorker') {
      const { sessionId, workerInfo } = message.params as { sessionId: string; workerInfo: { url: string } }
      this.#workers.set(sessionId, { url: workerInfo.url, pending: new Map() })
    } else if (message.method === 'NodeWorker.receivedMessageFromWorker') {
      const { sessionId, message: inner } = message.params as { sessionId: string; message: string }
      const reply = JSON.parse(inner) as Message
      const worker = this.#workers.get(sessionId)
      const pending = reply.id !== undefined ? worker?.pending.get(reply.id) : undefined
      if (!pending || reply.id === undefined) return
      worker!.pending.delete(reply.id)
      if (reply.error) pending.reject(new Error(JSON.stringify(reply.error)))
      else pending.resolve(reply.result ?? {})
    }
  }
}

interface Message {
  id?: number
  method?: string
  params?: unknown
  result?: Record<string, unknown>
  error?: unknown
}
