// Tools for one Hark process: the built-ins, the user's MCP servers, the consent broker, and the
// IPC requests of Settings → Tools and the approval card. Hark-main creates it; the session's
// controllers get its SDK tools and its approval decider.
import { join } from 'node:path'
import type { InvokeChannel } from '../../shared/ipc'
import type { ToolsOverview } from '../../shared/tools-ipc'
import { claudeConfigPath, readClaudeServers } from '../mcp/claude-import'
import { McpManager } from '../mcp/mcp-manager'
import { PROCESS_LEDGER_FILE, ProcessLedger } from '../mcp/process-ledger'
import type { RealtimeCoreEvent } from '../../shared/realtime-events'
import type { RealtimeLog } from '../realtime/event-bus'
import type { RealtimeTool } from '../realtime/session-config'
import type { ToolApprovalDecider } from '../realtime/tool-approvals'
import { createBuiltinTools } from '../tools/builtin-tools'
import type { DesktopToolServices } from '../tools/desktop-tool-services'
import { toSdkTools } from '../tools/sdk-tools'
import type { HarkTool } from '../tools/tool-types'
import { createToolPermissions } from '../tools/tool-permissions'
import { ToolHost, type AssistantToolPolicies, type ToolHostEvent } from '../tools/tool-host'
import type { IpcEventMessage } from './event-mapping'
import { HarkError } from './ipc-error'
import type { InvokeHandlers } from './router'

export const MCP_CONFIG_FILE = 'mcp.json'

export type ToolInvokeChannel = Extract<InvokeChannel, `tools.${string}` | `mcp.${string}`>

export type ToolInvokeHandlers = Pick<InvokeHandlers, ToolInvokeChannel>

export interface ToolRuntimeDeps {
  /** The data folder (mcp.json, tool-permissions.json); null keeps nothing on disk. */
  dataDir: string | null
  /** mcp.json elsewhere than the data folder (the CLI's --mcp-config). */
  mcpConfigPath?: string | null
  services: DesktopToolServices
  /** Built-in tools this host adds (the window's look_at_screen). */
  extraTools?: readonly HarkTool[]
  log: RealtimeLog
  broadcast: (message: IpcEventMessage) => void
  resolvePath?: () => Promise<string | undefined>
  /** Where Claude Desktop's config is; the platform's place by default. */
  claudeConfigPath?: string | null
  /** How long an approval waits for the user (60 s). */
  approvalTimeoutMs?: number
}

interface Attached {
  policies: AssistantToolPolicies | undefined
  unsubscribe: () => void
}

/** The controller side: what a live session needs to follow tool changes. */
export interface ToolAwareController {
  readonly status: string
  updateTools(tools: RealtimeTool[]): Promise<void>
  subscribe(listener: (event: RealtimeCoreEvent) => void): () => void
}

export class ToolRuntime {
  readonly host: ToolHost
  readonly mcp: McpManager
  readonly #deps: ToolRuntimeDeps
  /**
   * Every session that may still use tools, with its assistant's policies: each assistant has
   * its own (issue 14), and a rollover's new one runs beside the old until it takes over.
   */
  readonly #controllers = new Map<ToolAwareController, Attached>()
  #changeScheduled = false
  #disposed = false
  /** What the window was last told (or would see at start): unchanged lists are not re-sent. */
  #lastOverview = ''

  constructor(deps: ToolRuntimeDeps) {
    this.#deps = deps
    const permissions = createToolPermissions(deps.dataDir)
    this.#loaded = permissions.load()
    this.host = new ToolHost({
      permissions,
      onEvent: (event) => this.#onHostEvent(event),
      ...(deps.approvalTimeoutMs !== undefined ? { approvalTimeoutMs: deps.approvalTimeoutMs } : {})
    })
    this.host.setTools('builtin', [
      ...createBuiltinTools(deps.services),
      ...(deps.extraTools ?? [])
    ])
    const configPath =
      deps.mcpConfigPath !== undefined
        ? deps.mcpConfigPath
        : deps.dataDir === null
          ? null
          : join(deps.dataDir, MCP_CONFIG_FILE)
    this.#processes =
      deps.dataDir === null
        ? undefined
        : new ProcessLedger(join(deps.dataDir, PROCESS_LEDGER_FILE), { log: deps.log })
    this.mcp = new McpManager({
      configPath,
      host: this.host,
      log: deps.log,
      ...(this.#processes ? { processes: this.#processes } : {}),
      onChange: () => this.#scheduleChange(),
      ...(deps.resolvePath ? { resolvePath: deps.resolvePath } : {})
    })
    this.#lastOverview = JSON.stringify(this.overview())
  }

  readonly #loaded: Promise<void>
  readonly #processes: ProcessLedger | undefined

  /** Load the permissions and start the user's servers. Never rejects. */
  async start(): Promise<void> {
    await this.#loaded
    // Servers a killed Hark left running are stopped before this one starts its own.
    await this.#processes?.stopLeftovers()
    await this.mcp
      .reload()
      .catch((error: unknown) =>
        this.#deps.log('warn', 'mcp: servers could not start', { error: String(error) })
      )
  }

  /** `assistant`: that assistant's own policies, over the global ones (issue 14). */
  sdkTools(assistant?: AssistantToolPolicies): RealtimeTool[] {
    return toSdkTools(this.host, assistant)
  }

  readonly decide: ToolApprovalDecider = (callId, name, argumentsJson) =>
    this.host.decideApproval(callId, name, argumentsJson)

  /** The approval decider of one assistant's session, with that assistant's own policies. */
  decideFor(assistantId: string, assistant: AssistantToolPolicies): ToolApprovalDecider {
    return (callId, name, argumentsJson) =>
      this.host.decideApproval(callId, name, argumentsJson, assistant, assistantId)
  }

  /**
   * A session's controller: it is given the new tool list whenever tools change, until it
   * reports itself disconnected (a controller serves one connection; the next is a new one).
   */
  attachController(controller: ToolAwareController, assistant?: AssistantToolPolicies): void {
    const unsubscribe = controller.subscribe((event) => {
      if (event.type !== 'status' || event.status !== 'disconnected') return
      this.#controllers.get(controller)?.unsubscribe()
      this.#controllers.delete(controller)
    })
    this.#controllers.set(controller, { policies: assistant, unsubscribe })
  }

  /**
   * A session that ends takes its pending approvals with it: with `assistantId`, only that
   * assistant's (and those tied to no session); another assistant's stay answerable.
   */
  sessionEnded(assistantId?: string): void {
    this.host.cancelPending(assistantId)
  }

  overview(): ToolsOverview {
    return {
      tools: this.host.summaries(),
      servers: this.mcp.servers(),
      configPath: this.mcp.configPath,
      configError: this.mcp.configError
    }
  }

  /** The `tools.*` and `mcp.*` invokes; the router has validated each request already. */
  readonly handlers: ToolInvokeHandlers = {
    'tools.overview': () => this.overview(),
    'tools.approve': ({ id, always }) => ({
      answered: this.host.answer(id, always ? 'always' : 'once')
    }),
    'tools.deny': ({ id }) => ({ answered: this.host.answer(id, 'deny') }),
    'tools.setPolicy': async ({ name, policy }) => {
      await this.host.setPolicy(name, policy)
      return this.overview()
    },
    'tools.revoke': async ({ name }) => {
      await this.host.revoke(name)
      return this.overview()
    },
    'mcp.saveServer': async ({ name, config, previousName }) => {
      await this.#editing(() => this.mcp.saveServer(name, config, previousName))
      return this.overview()
    },
    'mcp.removeServer': async ({ name }) => {
      await this.#editing(() => this.mcp.removeServer(name))
      return this.overview()
    },
    'mcp.claudeServers': () => readClaudeServers(this.#claudePath()),
    'mcp.importClaude': async ({ names }) => {
      const claude = await readClaudeServers(this.#claudePath())
      // Names no longer in Claude Desktop's file (edited meanwhile) are skipped.
      const chosen = claude.servers.filter((server) => names.includes(server.name))
      if (chosen.length > 0) await this.#editing(() => this.mcp.importServers(chosen))
      return this.overview()
    }
  }

  /** Stop every server and its process tree; deny what is pending. */
  async dispose(): Promise<void> {
    this.#disposed = true
    for (const attached of this.#controllers.values()) attached.unsubscribe()
    this.#controllers.clear()
    this.host.dispose()
    await this.mcp.stop()
    await this.#processes?.settled()
  }

  #claudePath(): string | null {
    return this.#deps.claudeConfigPath !== undefined
      ? this.#deps.claudeConfigPath
      : claudeConfigPath()
  }

  async #editing(edit: () => Promise<void>): Promise<void> {
    try {
      await edit()
    } catch (error) {
      throw new HarkError('invalid_input', error instanceof Error ? error.message : String(error))
    }
  }

  #onHostEvent(event: ToolHostEvent): void {
    switch (event.type) {
      case 'approval_requested':
        return this.#deps.broadcast({ channel: 'tools.approvalRequested', payload: event.request })
      case 'approval_ended':
        return this.#deps.broadcast({
          channel: 'tools.approvalEnded',
          payload: { id: event.id, outcome: event.outcome }
        })
      case 'activity':
        return this.#deps.broadcast({ channel: 'tools.activity', payload: event.activity })
      case 'changed':
        return this.#scheduleChange()
    }
  }

  /** Many changes arrive together (a server's tools, its state): tell everyone once. */
  #scheduleChange(): void {
    if (this.#changeScheduled || this.#disposed) return
    this.#changeScheduled = true
    setImmediate(() => {
      this.#changeScheduled = false
      if (this.#disposed) return
      const overview = this.overview()
      const text = JSON.stringify(overview)
      if (text === this.#lastOverview) return
      this.#lastOverview = text
      this.#deps.broadcast({ channel: 'tools.changed', payload: overview })
      // Also while it connects: the controller hands the list over once connected.
      for (const [controller, attached] of this.#controllers)
        controller.updateTools(this.sdkTools(attached.policies)).catch((error: unknown) =>
          this.#deps.log('warn', 'tools: the session could not take the new tool list', {
            error: String(error)
          })
        )
    })
  }
}
