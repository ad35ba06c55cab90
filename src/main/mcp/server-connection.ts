// One of the user's MCP servers through the official client: start (stdio or Streamable HTTP),
// list its tools, follow `notifications/tools/list_changed`, call tools, restart after a crash
// with backoff, stop with its whole process tree. Every failure becomes a state with a sentence
// (and the last lines of stderr) for Settings → Tools, never an exception for the caller.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js'
import type { McpServerConfig, McpServerStateInfo } from '../../shared/tools-ipc'
import type { RealtimeLog } from '../realtime/event-bus'
import { HarkStdioTransport, InvalidServerOutputError } from './stdio-transport'
import type { ProcessLedger } from './process-ledger'

export interface McpToolInfo {
  name: string
  description: string
  inputSchema: Record<string, unknown>
  readOnly: boolean
  destructive: boolean
}

export type SetTimer = (callback: () => void, delayMs: number) => () => void

export interface ServerConnectionOptions {
  name: string
  config: McpServerConfig
  log: RealtimeLog
  /** Called on every change of state or tools. */
  onChange: () => void
  /** The login shell's PATH (macOS/Linux), so `npx` and `uvx` are found. */
  resolvePath?: () => Promise<string | undefined>
  initializeTimeoutMs?: number
  setTimer?: SetTimer
  /** Where spawned servers are written down, so a killed Hark's are stopped at the next start. */
  processes?: ProcessLedger
}

export const INITIALIZE_TIMEOUT_MS = 15_000
export const MAX_RESTARTS = 5
const CLIENT_INFO = { name: 'Hark', version: '0.1.0' }

export function restartDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** (attempt - 1))
}

const realSetTimer: SetTimer = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs)
  timer.unref()
  return () => clearTimeout(timer)
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if ((error as { code?: unknown }).code === 'ENOENT') return 'The command was not found.'
  return message.replace(/\s+/g, ' ').slice(0, 300)
}

/** A call result as text for the model; an `isError` result becomes a thrown Error. */
export function resultText(result: Record<string, unknown>): string {
  const { content, isError, structuredContent } = result
  const parts = Array.isArray(content) ? (content as Record<string, unknown>[]) : []
  const text = parts
    .map((part) =>
      part['type'] === 'text' && typeof part['text'] === 'string'
        ? part['text']
        : `[${String(part['type'])} content]`
    )
    .join('\n')
  const combined =
    text === '' && structuredContent !== undefined ? JSON.stringify(structuredContent) : text
  if (isError === true) throw new Error(combined || 'The server reported an error.')
  return combined
}

export class McpServerConnection {
  readonly name: string
  readonly config: McpServerConfig
  readonly #options: ServerConnectionOptions
  #state: McpServerStateInfo['state'] = 'stopped'
  #error: string | null = null
  #tools: McpToolInfo[] = []
  #client: Client | undefined
  #transport: Transport | undefined
  #stderr: () => string[] = () => []
  #stopped = false
  #failures = 0
  #cancelRestart: (() => void) | undefined

  constructor(options: ServerConnectionOptions) {
    this.name = options.name
    this.config = options.config
    this.#options = options
  }

  get tools(): readonly McpToolInfo[] {
    return this.#state === 'ready' ? this.#tools : []
  }

  /** The stdio server's process id (the leader of its process group), while it runs. */
  get pid(): number | undefined {
    return this.#transport instanceof HarkStdioTransport ? this.#transport.pid : undefined
  }

  info(): McpServerStateInfo {
    return {
      name: this.name,
      state: this.#state,
      toolCount: this.tools.length,
      error: this.#error,
      stderrTail: this.#stderr(),
      config: this.config
    }
  }

  async start(): Promise<void> {
    this.#stopped = false
    this.#setState('starting', null)
    const client = new Client(CLIENT_INFO, { capabilities: {} })
    let transport: Transport
    try {
      transport = await this.#makeTransport()
    } catch (error) {
      this.#fail(describe(error))
      return
    }
    this.#client = client
    this.#transport = transport
    client.onclose = () => {
      // While starting, connect()'s rejection reports the failure.
      if (this.#client === client && this.#state === 'ready') this.#onClosed()
    }
    let invalidOutput: string | undefined
    client.onerror = (error) => {
      if (error instanceof InvalidServerOutputError) invalidOutput = error.message
      this.#options.log('warn', 'mcp: server error', { server: this.name, error: describe(error) })
    }
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      void this.#refreshTools(client)
    })
    try {
      await client.connect(transport, {
        timeout: this.#options.initializeTimeoutMs ?? INITIALIZE_TIMEOUT_MS
      })
      await this.#refreshTools(client)
    } catch (error) {
      if (this.#client !== client) return
      const reason =
        invalidOutput ??
        (/timed out/i.test(describe(error))
          ? 'The server did not answer initialize in time.'
          : /connection closed/i.test(describe(error))
            ? 'The server exited before it was ready.'
            : `The server could not start: ${describe(error)}`)
      this.#client = undefined
      await client.close().catch(() => undefined)
      this.#fail(reason)
      return
    }
    this.#failures = 0
    this.#setState('ready', null)
  }

  async callTool(
    name: string,
    args: Record<string, unknown>,
    signal: AbortSignal
  ): Promise<string> {
    const client = this.#client
    if (!client || this.#state !== 'ready')
      throw new Error(`the MCP server ${this.name} is not running`)
    const result = await client.callTool({ name, arguments: args }, undefined, {
      signal,
      timeout: 60_000
    })
    return resultText(result)
  }

  async stop(): Promise<void> {
    this.#stopped = true
    this.#cancelRestart?.()
    this.#cancelRestart = undefined
    const client = this.#client
    this.#client = undefined
    await client?.close().catch(() => undefined)
    this.#tools = []
    this.#setState('stopped', null)
  }

  async #makeTransport(): Promise<Transport> {
    const config = this.config
    if ('url' in config)
      return new StreamableHTTPClientTransport(new URL(config.url), {
        requestInit: { headers: config.headers ?? {} }
      })
    const path = await this.#options.resolvePath?.()
    const processes = this.#options.processes
    const transport = new HarkStdioTransport(
      {
        command: config.command,
        args: config.args ?? [],
        env: {
          ...getDefaultEnvironment(),
          ...(path !== undefined ? { PATH: path } : {}),
          ...(config.env ?? {})
        }
      },
      processes && {
        spawned: (pid) => void processes.record(pid, this.name),
        ended: (pid) => void processes.forget(pid)
      }
    )
    this.#stderr = () => transport.stderrTail()
    return transport
  }

  async #refreshTools(client: Client): Promise<void> {
    const tools: McpToolInfo[] = []
    let cursor: string | undefined
    do {
      const page = await client.listTools(cursor !== undefined ? { cursor } : undefined)
      for (const tool of page.tools)
        tools.push({
          name: tool.name,
          description: tool.description ?? tool.title ?? tool.name,
          inputSchema: tool.inputSchema,
          readOnly: tool.annotations?.readOnlyHint === true,
          destructive: tool.annotations?.destructiveHint === true
        })
      cursor = page.nextCursor
    } while (cursor !== undefined)
    if (this.#client !== client) return
    this.#tools = tools
    this.#options.onChange()
  }

  #onClosed(): void {
    this.#client = undefined
    if (this.#stopped) return
    this.#fail('The server stopped unexpectedly.')
  }

  #fail(reason: string): void {
    this.#tools = []
    this.#failures++
    this.#setState('failed', reason)
    this.#options.log('warn', 'mcp: server failed', {
      server: this.name,
      reason,
      failures: this.#failures
    })
    if (this.#stopped || this.#failures > MAX_RESTARTS) return
    const setTimer = this.#options.setTimer ?? realSetTimer
    this.#cancelRestart = setTimer(() => {
      this.#cancelRestart = undefined
      if (!this.#stopped) void this.start()
    }, restartDelayMs(this.#failures))
  }

  #setState(state: McpServerStateInfo['state'], error: string | null): void {
    this.#state = state
    this.#error = error
    this.#options.onChange()
  }
}
