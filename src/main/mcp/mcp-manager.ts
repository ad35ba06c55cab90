// The user's MCP servers from `mcp.json`: one connection each, their tools named for the model
// and handed to the ToolHost with a default policy from their annotations (readOnlyHint → run,
// otherwise ask; destructiveHint → never "always allowed"), and edits from Settings → Tools.
// A file Hark cannot read is never rewritten: edits are refused until the user fixes it.
import { readFile } from 'node:fs/promises'
import type { McpServerConfig, McpServerStateInfo } from '../../shared/tools-ipc'
import type { RealtimeLog } from '../realtime/event-bus'
import { writeFileAtomic } from '../storage/atomic-file'
import type { ToolHost } from '../tools/tool-host'
import type { HarkTool, JsonObjectSchema } from '../tools/tool-types'
import { parseMcpConfig, withServers, type McpServerEntry } from './mcp-config'
import { McpServerConnection, type McpToolInfo, type SetTimer } from './server-connection'
import { assignToolNames } from './tool-names'
import type { ProcessLedger } from './process-ledger'

export interface McpManagerOptions {
  /** Where mcp.json is; null = no servers (a host without a data folder). */
  configPath: string | null
  host: ToolHost
  log: RealtimeLog
  /** Server states changed (tool changes reach the host as well). */
  onChange: () => void
  resolvePath?: () => Promise<string | undefined>
  initializeTimeoutMs?: number
  setTimer?: SetTimer
  /** Where spawned servers are written down (process-ledger.ts); none without a data folder. */
  processes?: ProcessLedger
}

export class McpConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'McpConfigError'
  }
}

function toolSchema(info: McpToolInfo): JsonObjectSchema {
  const schema = info.inputSchema
  return schema['type'] === 'object' ? (schema as JsonObjectSchema) : { ...schema, type: 'object' }
}

export class McpManager {
  readonly #options: McpManagerOptions
  readonly #connections = new Map<string, McpServerConnection>()
  #invalid: McpServerEntry[] = []
  #configError: string | null = null
  #mcpSources = new Set<string>()

  constructor(options: McpManagerOptions) {
    this.#options = options
  }

  get configPath(): string | null {
    return this.#options.configPath
  }

  get configError(): string | null {
    return this.#configError
  }

  servers(): McpServerStateInfo[] {
    const invalid = this.#invalid.map((entry): McpServerStateInfo => ({
      name: entry.name,
      state: 'failed',
      toolCount: 0,
      error: entry.error,
      stderrTail: [],
      config: null
    }))
    return [...[...this.#connections.values()].map((c) => c.info()), ...invalid].sort((a, b) =>
      a.name.localeCompare(b.name)
    )
  }

  connection(name: string): McpServerConnection | undefined {
    return this.#connections.get(name)
  }

  /** Read mcp.json and bring the running servers in line with it. */
  async reload(): Promise<void> {
    const read = await this.#read()
    this.#configError = read.error
    this.#invalid = read.servers.filter((entry) => entry.config === null)
    const wanted = new Map(
      read.servers.flatMap((entry) => (entry.config ? [[entry.name, entry.config] as const] : []))
    )
    const stopping: Promise<void>[] = []
    for (const [name, connection] of this.#connections) {
      const config = wanted.get(name)
      if (config && JSON.stringify(config) === JSON.stringify(connection.config)) continue
      this.#connections.delete(name)
      stopping.push(connection.stop())
    }
    await Promise.all(stopping)
    const starting: Promise<void>[] = []
    for (const [name, config] of wanted) {
      if (this.#connections.has(name)) continue
      const connection = new McpServerConnection({
        name,
        config,
        log: this.#options.log,
        onChange: () => this.#publish(),
        ...(this.#options.resolvePath ? { resolvePath: this.#options.resolvePath } : {}),
        ...(this.#options.initializeTimeoutMs !== undefined
          ? { initializeTimeoutMs: this.#options.initializeTimeoutMs }
          : {}),
        ...(this.#options.setTimer ? { setTimer: this.#options.setTimer } : {}),
        ...(this.#options.processes ? { processes: this.#options.processes } : {})
      })
      this.#connections.set(name, connection)
      starting.push(connection.start())
    }
    this.#publish()
    await Promise.all(starting)
  }

  async saveServer(name: string, config: McpServerConfig, previousName?: string): Promise<void> {
    await this.#edit((servers) => {
      if (previousName !== undefined && previousName !== name) delete servers[previousName]
      servers[name] = config
    })
  }

  async removeServer(name: string): Promise<void> {
    await this.#edit((servers) => {
      delete servers[name]
    })
  }

  async importServers(
    entries: readonly { name: string; config: McpServerConfig }[]
  ): Promise<void> {
    await this.#edit((servers) => {
      for (const entry of entries) servers[entry.name] = entry.config
    })
  }

  /** Stop every server and its process tree (quit, or the host closing). */
  async stop(): Promise<void> {
    const connections = [...this.#connections.values()]
    this.#connections.clear()
    await Promise.all(connections.map((connection) => connection.stop()))
    this.#publish()
  }

  async #read(): Promise<{ servers: McpServerEntry[]; error: string | null; text: string | null }> {
    const path = this.#options.configPath
    if (path === null) return { servers: [], error: null, text: null }
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT')
        return { servers: [], error: null, text: null }
      return { servers: [], error: `${path} cannot be read: ${String(error)}`, text: null }
    }
    return { ...parseMcpConfig(text), text }
  }

  async #edit(change: (servers: Record<string, McpServerConfig>) => void): Promise<void> {
    const path = this.#options.configPath
    if (path === null) throw new McpConfigError('This host has no data folder for mcp.json.')
    const read = await this.#read()
    if (read.error !== null)
      throw new McpConfigError(`${read.error} Until then Hark leaves the file as it is.`)
    const raw =
      read.text === null || read.text.trim() === ''
        ? {}
        : ((JSON.parse(read.text) as { mcpServers?: Record<string, McpServerConfig> }).mcpServers ??
          {})
    // Entries Hark cannot use are kept exactly as the user wrote them.
    const servers = { ...raw }
    change(servers)
    await writeFileAtomic(path, withServers(read.text, servers))
    await this.reload()
  }

  /** Hand every ready server's tools to the host under unique model-facing names. */
  #publish(): void {
    const { host } = this.#options
    const builtins = host
      .all()
      .filter((tool) => !this.#mcpSources.has(tool.source))
      .map((tool) => tool.name)
    const entries = [...this.#connections.values()].flatMap((connection) =>
      connection.tools.map((info) => ({ connection, info }))
    )
    const names = assignToolNames(
      entries.map(({ connection, info }) => ({ server: connection.name, tool: info.name })),
      builtins
    )
    const bySource = new Map<string, HarkTool[]>()
    entries.forEach(({ connection, info }, index) => {
      const tool: HarkTool = {
        name: names[index] ?? info.name,
        description: info.description,
        parameters: toolSchema(info),
        // Hints, not guarantees (MCP 2025-11-25): they only pick the default.
        defaultPolicy: info.readOnly && !info.destructive ? 'run' : 'ask',
        destructive: info.destructive,
        source: connection.name,
        run: (args, context) => connection.callTool(info.name, args, context.signal)
      }
      bySource.set(connection.name, [...(bySource.get(connection.name) ?? []), tool])
    })
    for (const source of this.#mcpSources) if (!bySource.has(source)) host.setTools(source, [])
    for (const [source, tools] of bySource) host.setTools(source, tools)
    this.#mcpSources = new Set(bySource.keys())
    this.#options.onChange()
  }
}
