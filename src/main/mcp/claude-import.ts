// Import from Claude Desktop: its `claude_desktop_config.json` uses the same `mcpServers`
// format (realtime-2026-11.md §4). Where it lives: macOS ~/Library/Application Support/Claude,
// Windows %APPDATA%\Claude, Linux ~/.config/Claude.
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { ClaudeServersReply } from '../../shared/tools-ipc'
import { parseMcpConfig } from './mcp-config'

export function claudeConfigPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir()
): string | null {
  const file = 'claude_desktop_config.json'
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Claude', file)
  if (platform === 'win32') {
    const appData = env['APPDATA']
    return appData ? join(appData, 'Claude', file) : null
  }
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Claude', file)
}

export async function readClaudeServers(path: string | null): Promise<ClaudeServersReply> {
  if (path === null) return { path, servers: [], error: 'Claude Desktop’s folder is unknown here.' }
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return { path, servers: [], error: `No Claude Desktop configuration at ${path}.` }
  }
  const read = parseMcpConfig(text, 'claude_desktop_config.json')
  const servers = read.servers.flatMap((entry) =>
    entry.config ? [{ name: entry.name, config: entry.config }] : []
  )
  return { path, servers, error: read.error }
}
