// `mcp.json` in Claude Desktop's format (realtime-2026-11.md §4): `{ "mcpServers": { "<name>":
// { "command", "args", "env" } | { "url", "headers" } } }`. Reading never throws: a file that is
// not JSON is one error naming the line, an entry that is wrong is that server's error only.
import { mcpServerConfigSchema, mcpServerNameSchema } from '../../shared/tools-ipc'
import type { McpServerConfig } from '../../shared/tools-ipc'

export interface McpServerEntry {
  name: string
  config: McpServerConfig | null
  /** Why this entry cannot be used; null when it can. */
  error: string | null
}

export interface McpConfigRead {
  servers: McpServerEntry[]
  /** The file as a whole is unusable (the servers list is then empty). */
  error: string | null
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length
}

/** The line JSON.parse complains about: V8 says "position N" or "line L column C". */
export function jsonErrorLine(text: string, error: unknown): number | null {
  const message = error instanceof Error ? error.message : String(error)
  const line = /line (\d+)/.exec(message)
  if (line?.[1] !== undefined) return Number(line[1])
  const position = /position (\d+)/.exec(message)
  if (position?.[1] !== undefined) return lineAt(text, Number(position[1]))
  if (/end of JSON input/i.test(message)) return text.split('\n').length
  return null
}

function keyLine(text: string, name: string): number | null {
  const offset = text.indexOf(JSON.stringify(name))
  return offset < 0 ? null : lineAt(text, offset)
}

/** Parse the whole file; `fileName` is how errors name it. */
export function parseMcpConfig(text: string, fileName = 'mcp.json'): McpConfigRead {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    const line = jsonErrorLine(text, error)
    const reason =
      error instanceof Error
        ? error.message.replace(/\s*\(line \d+ column \d+\)/, '')
        : 'invalid JSON'
    return {
      servers: [],
      error: `${fileName}${line !== null ? ` line ${line}` : ''}: ${reason}. Fix the file; Hark never rewrites it.`
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { servers: [], error: `${fileName}: the file must hold one JSON object.` }
  const section = (raw as Record<string, unknown>)['mcpServers']
  if (section === undefined) return { servers: [], error: null }
  if (typeof section !== 'object' || section === null || Array.isArray(section))
    return { servers: [], error: `${fileName}: "mcpServers" must be an object.` }
  const servers = Object.entries(section).map(([name, value]): McpServerEntry => {
    const where = `${fileName}${keyLine(text, name) !== null ? ` line ${keyLine(text, name)}` : ''}`
    if (!mcpServerNameSchema.safeParse(name).success)
      return {
        name,
        config: null,
        error: `${where}: the server name "${name}" may hold only letters, digits, _ . and -.`
      }
    const parsed = mcpServerConfigSchema.safeParse(value)
    if (parsed.success) return { name, config: parsed.data, error: null }
    return {
      name,
      config: null,
      error: `${where}: server "${name}" needs a "command" (with optional "args" and "env") or a "url" (with optional "headers").`
    }
  })
  return { servers, error: null }
}

/** The file's object with `mcpServers` replaced; other keys are kept as they were. */
export function withServers(text: string | null, servers: Record<string, McpServerConfig>): string {
  const base =
    text === null || text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
  return `${JSON.stringify({ ...base, mcpServers: servers }, null, 2)}\n`
}
