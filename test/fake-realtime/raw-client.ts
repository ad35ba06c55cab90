// A bare `ws` client for protocol tests: it keeps every server event and lets a test wait for the
// next one of a type without timing assumptions.
import WebSocket from 'ws'

export interface ServerJson {
  type: string
  event_id?: string
  [key: string]: unknown
}

export interface RawClientOptions {
  apiKey?: string | null
  model?: string | null
  path?: string
}

export class RawClient {
  readonly events: ServerJson[] = []
  /** Frames that were not JSON objects with a string `type`. */
  readonly badFrames: string[] = []
  closeCode: number | null = null
  closeReason = ''
  private readonly listeners = new Set<() => void>()

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8')
      try {
        const json: unknown = JSON.parse(text)
        if (json && typeof json === 'object' && typeof (json as ServerJson).type === 'string')
          this.events.push(json as ServerJson)
        else this.badFrames.push(text)
      } catch {
        this.badFrames.push(text)
      }
      this.notify()
    })
    socket.on('close', (code, reason) => {
      this.closeCode = code
      this.closeReason = reason.toString('utf8')
      this.notify()
    })
  }

  /** Opens a socket to the fake (resolves on open; rejects on an HTTP refusal). */
  static async connect(baseUrl: string, options: RawClientOptions = {}): Promise<RawClient> {
    const url = new URL(baseUrl)
    if (options.path !== undefined) url.pathname = options.path
    const model = options.model === undefined ? 'gpt-realtime' : options.model
    if (model !== null) url.searchParams.set('model', model)
    const headers: Record<string, string> =
      options.apiKey === null ? {} : { Authorization: `Bearer ${options.apiKey ?? 'sk-fake-hark'}` }
    const socket = new WebSocket(url, { headers })
    const client = new RawClient(socket)
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`Unexpected server response: ${res.statusCode ?? '?'}`))
      )
    })
    return client
  }

  send(event: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(event))
  }

  sendRaw(text: string): void {
    this.socket.send(text)
  }

  ofType(type: string): ServerJson[] {
    return this.events.filter((e) => e.type === type)
  }

  types(): string[] {
    return this.events.map((e) => e.type)
  }

  /** The `n`-th (0-based) event of `type`, waiting for it if needed. */
  async waitFor(type: string, n = 0, timeoutMs = 5000): Promise<ServerJson> {
    await this.until(() => this.ofType(type).length > n, timeoutMs, `${type} #${n}`)
    const event = this.ofType(type)[n]
    if (!event) throw new Error(`missing ${type}`)
    return event
  }

  async waitForClose(timeoutMs = 5000): Promise<number> {
    await this.until(() => this.closeCode !== null, timeoutMs, 'close')
    return this.closeCode ?? -1
  }

  until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return
        this.listeners.delete(check)
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        this.listeners.delete(check)
        reject(new Error(`timed out waiting for ${what}; got: ${this.types().join(', ')}`))
      }, timeoutMs)
      this.listeners.add(check)
      check()
    })
  }

  close(): void {
    this.socket.terminate()
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener()
  }
}

/** The audio bytes of the `response.output_audio.delta` events (of one item, if given), in order. */
export function audioOf(events: ServerJson[], itemId?: unknown): Buffer {
  return Buffer.concat(
    events
      .filter(
        (e) =>
          e.type === 'response.output_audio.delta' &&
          (itemId === undefined || e['item_id'] === itemId)
      )
      .map((e) => Buffer.from(e['delta'] as string, 'base64'))
  )
}
