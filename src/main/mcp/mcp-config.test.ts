import { describe, expect, it } from 'vitest'
import { parseMcpConfig, withServers } from './mcp-config'

describe('parseMcpConfig', () => {
  it('reads Claude Desktop’s format: commands and Streamable HTTP URLs', () => {
    const read = parseMcpConfig(
      JSON.stringify({
        mcpServers: {
          files: { command: 'npx', args: ['-y', 'server-files'], env: { ROOT: '/tmp' } },
          remote: { url: 'https://mcp.example.org/mcp', headers: { Authorization: 'Bearer x' } }
        }
      })
    )
    expect(read.error).toBeNull()
    expect(read.servers.map((s) => [s.name, s.error])).toEqual([
      ['files', null],
      ['remote', null]
    ])
  })

  it('names the line of a JSON error', () => {
    const read = parseMcpConfig('{\n  "mcpServers": {\n    "a": { "command": "x" },,\n  }\n}')
    expect(read.error).toMatch(/^mcp\.json line 3: /)
    expect(read.servers).toEqual([])
  })

  it('fails one bad entry, with its line, and keeps the others', () => {
    const text =
      '{\n  "mcpServers": {\n    "good": { "command": "x" },\n    "bad": { "args": [] }\n  }\n}'
    const read = parseMcpConfig(text)
    expect(read.servers.find((s) => s.name === 'good')?.config).toEqual({ command: 'x' })
    expect(read.servers.find((s) => s.name === 'bad')?.error).toMatch(
      /^mcp\.json line 4: server "bad"/
    )
  })

  it('refuses server names that could not be tool names and non-object files', () => {
    expect(parseMcpConfig('{"mcpServers":{"a b":{"command":"x"}}}').servers[0]?.error).toMatch(
      /may hold only/
    )
    expect(parseMcpConfig('[]').error).toMatch(/one JSON object/)
  })

  it('writes only mcpServers, keeping the file’s other keys', () => {
    const text = withServers('{"globalShortcut":"x","mcpServers":{}}', { a: { command: 'y' } })
    expect(JSON.parse(text)).toEqual({ globalShortcut: 'x', mcpServers: { a: { command: 'y' } } })
  })
})
