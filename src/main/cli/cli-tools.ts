// The CLI's tools: the same built-ins and MCP servers as the app (`--mcp-config`, or the data
// folder's mcp.json), approvals answered on the terminal. Server problems are one line each on
// stderr; the turn goes on without that server.
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { MCP_CONFIG_FILE, ToolRuntime } from '../app/tool-runtime'
import { resolveLoginShellPath } from '../mcp/login-path'
import type { RealtimeLog } from '../realtime/event-bus'
import { unavailableToolServices } from '../tools/desktop-tool-services'
import { harkDataDir } from './data-folder'
import { CliError, ExitCode } from './exit-codes'
import { answerOnTerminal, type TerminalApprovalOptions } from './terminal-approvals'

export interface CliToolOptions extends TerminalApprovalOptions {
  mcpConfigPath: string | null
  env: Readonly<Record<string, string | undefined>>
  stderr: (text: string) => void
  log?: RealtimeLog
}

export async function startCliTools(options: CliToolOptions): Promise<ToolRuntime> {
  const dataDir = harkDataDir(process.platform, options.env)
  if (options.mcpConfigPath !== null) {
    try {
      await access(options.mcpConfigPath)
    } catch {
      throw new CliError(ExitCode.usage, `Cannot read ${options.mcpConfigPath}: no such file.`)
    }
  }
  const runtime: ToolRuntime = new ToolRuntime({
    dataDir,
    mcpConfigPath: options.mcpConfigPath ?? join(dataDir, MCP_CONFIG_FILE),
    services: unavailableToolServices('the CLI'),
    log: options.log ?? (() => undefined),
    resolvePath: () => resolveLoginShellPath(options.env),
    broadcast: (message) => {
      if (message.channel !== 'tools.approvalRequested') return
      const request = message.payload
      void answerOnTerminal(request, options).then((answer) => {
        if (answer === 'deny' && !options.approveAll && !options.prompt)
          options.stderr(`hark: denied ${request.toolName}: no terminal to ask on (use --yes).\n`)
        runtime.host.answer(request.id, answer)
      })
    }
  })
  await runtime.start()
  const { configError } = runtime.mcp
  if (configError !== null) options.stderr(`hark: ${configError}\n`)
  for (const server of runtime.mcp.servers())
    if (server.state === 'failed')
      options.stderr(
        `hark: MCP server ${server.name} failed: ${server.error ?? 'unknown reason'}\n`
      )
  return runtime
}
