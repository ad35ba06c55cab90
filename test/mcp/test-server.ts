// A small MCP server written with the official SDK's server side, run over real stdio by the
// tests (`node --import tsx test/mcp/test-server.ts`). HARK_TEST_MCP_MODE picks a misbehaviour:
// `exit` (exits at once), `hang` (never answers initialize), `garbage` (writes non-JSON-RPC).
import { spawn } from 'node:child_process'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { z } from 'zod'

const mode = process.env['HARK_TEST_MCP_MODE'] ?? 'normal'
const text = (value: string): { content: { type: 'text'; text: string }[] } => ({
  content: [{ type: 'text', text: value }]
})

if (mode === 'exit') process.exit(3)
if (mode === 'hang') {
  process.stderr.write('hanging before initialize\n')
  process.stdin.resume()
  setInterval(() => undefined, 60_000)
} else if (mode === 'garbage') {
  process.stdin.once('data', () => process.stdout.write('this is not json-rpc\n'))
  setInterval(() => undefined, 60_000)
} else {
  const server = new McpServer({ name: 'hark-test', version: '1.0.0' })
  const notes: string[] = []
  server.registerTool(
    'echo',
    {
      description: 'Echo text back',
      inputSchema: { text: z.string() },
      annotations: { readOnlyHint: true }
    },
    ({ text: value }) => text(`echo: ${value}`)
  )
  server.registerTool(
    'add_note',
    { description: 'Add a note', inputSchema: { text: z.string() } },
    ({ text: value }) => {
      notes.push(value)
      return text(`noted: ${value} (${notes.length} notes)`)
    }
  )
  server.registerTool(
    'wipe_notes',
    { description: 'Delete every note', annotations: { destructiveHint: true } },
    () => {
      notes.length = 0
      return text('all notes deleted')
    }
  )
  server.registerTool('huge', { description: 'Return 10 MB' }, () => text('x'.repeat(10_000_000)))
  server.registerTool('crash', { description: 'Crash mid-call' }, () => process.exit(1))
  server.registerTool(
    'slow',
    { description: 'Answer after a while', inputSchema: { ms: z.number() } },
    async ({ ms }) => {
      await new Promise((resolve) => setTimeout(resolve, ms))
      return text('slow done')
    }
  )
  server.registerTool('spawn_child', { description: 'Start a grandchild process' }, () => {
    const child = spawn('sleep', ['600'], { stdio: 'ignore' })
    return text(String(child.pid))
  })
  server.registerTool('add_tool', { description: 'Register one more tool' }, () => {
    server.registerTool(
      'late',
      { description: 'Added later', annotations: { readOnlyHint: true } },
      () => text('late tool')
    )
    return text('added')
  })
  // A grandchild from the start, like an `npx` server's real process under npx.
  if (process.env['HARK_TEST_MCP_GRANDCHILD'] === '1')
    spawn('sleep', ['600'], { stdio: 'ignore' }).unref()
  process.stderr.write('hark-test MCP server ready\n')
  await server.connect(new StdioServerTransport())
}
