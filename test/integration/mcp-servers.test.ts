// The user's MCP servers through the real MCP client, with a real server over stdio (test/mcp).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { McpManager } from '../../src/main/mcp/mcp-manager'
import { processGroupAlive } from '../../src/main/mcp/process-tree'
import { createToolPermissions } from '../../src/main/tools/tool-permissions'
import { ToolHost } from '../../src/main/tools/tool-host'
import { ManualTimers } from '../doubles/manual-timers'
import { testServerConfig } from '../mcp/launch'

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('MCP servers over stdio', () => {
  let dir: string
  let host: ToolHost
  let manager: McpManager
  let timers: ManualTimers
  const configPath = (): string => join(dir, 'mcp.json')

  const start = async (servers: Record<string, unknown>, raw?: string): Promise<void> => {
    await writeFile(configPath(), raw ?? JSON.stringify({ mcpServers: servers }, null, 2))
    manager = new McpManager({
      configPath: configPath(),
      host,
      log: () => undefined,
      onChange: () => undefined,
      initializeTimeoutMs: 5000,
      setTimer: (callback, ms) => {
        const handle = timers.set(callback, ms)
        return () => timers.clear(handle)
      }
    })
    await manager.reload()
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hark-mcp-'))
    timers = new ManualTimers()
    const permissions = createToolPermissions(dir)
    host = new ToolHost({ permissions, onEvent: () => undefined })
  })
  afterEach(async () => {
    await manager.stop()
    host.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  it('lists the tools as <server>__<tool> with policies from their annotations', async () => {
    await start({ notes: testServerConfig() })
    expect(manager.servers()[0]).toMatchObject({ name: 'notes', state: 'ready', toolCount: 8 })
    const tools = Object.fromEntries(host.summaries().map((t) => [t.name, t]))
    expect(tools['notes__echo']).toMatchObject({ policy: 'run', canAlwaysAllow: true })
    expect(tools['notes__add_note']).toMatchObject({ policy: 'ask', canAlwaysAllow: true })
    expect(tools['notes__wipe_notes']).toMatchObject({ policy: 'ask', canAlwaysAllow: false })
    await expect(host.execute('c1', 'notes__echo', '{"text":"hi"}')).resolves.toBe('echo: hi')
    expect(manager.servers()[0]?.stderrTail).toContain('hark-test MCP server ready')
  })

  it('refreshes the tool list on notifications/tools/list_changed', async () => {
    await start({ notes: testServerConfig() })
    await host.execute('c1', 'notes__add_tool', '{}')
    await until(() => host.find('notes__late') !== undefined, 'the new tool')
    await expect(host.execute('c2', 'notes__late', '{}')).resolves.toBe('late tool')
  })

  it('keeps going when servers exit at once, hang at initialize or write garbage', async () => {
    await start({
      notes: testServerConfig(),
      dead: testServerConfig('exit'),
      stuck: testServerConfig('hang'),
      noisy: testServerConfig('garbage'),
      broken: { command: 5 }
    })
    const states = Object.fromEntries(manager.servers().map((s) => [s.name, s]))
    expect(states['notes']?.state).toBe('ready')
    expect(states['dead']).toMatchObject({
      state: 'failed',
      error: 'The server exited before it was ready.'
    })
    expect(states['stuck']).toMatchObject({
      state: 'failed',
      error: 'The server did not answer initialize in time.'
    })
    expect(states['stuck']?.stderrTail).toContain('hanging before initialize')
    expect(states['noisy']?.error).toMatch(/^The server wrote something that is not JSON-RPC/)
    const written = await readFile(configPath(), 'utf8')
    const brokenLine = written.split('\n').findIndex((line) => line.includes('"broken"')) + 1
    expect(states['broken']?.error).toMatch(
      new RegExp(`^mcp\\.json line ${brokenLine}: server "broken" needs a "command"`)
    )
    await expect(host.execute('c1', 'notes__echo', '{"text":"still here"}')).resolves.toBe(
      'echo: still here'
    )
  })

  it('turns a 10 MB result and a crash mid-call into clear results, then restarts the server', async () => {
    await start({ notes: testServerConfig() })
    await expect(host.execute('c1', 'notes__huge', '{}')).resolves.toMatch(/returned 10\.0 MB/)
    await expect(host.execute('c2', 'notes__crash', '{}')).resolves.toMatch(
      /^The tool notes__crash failed: .*closed/i
    )
    await until(() => manager.servers()[0]?.state === 'failed', 'the crash to be noticed')
    expect(host.find('notes__echo')).toBeUndefined()
    timers.advance(1000)
    await until(() => manager.servers()[0]?.state === 'ready', 'the restart')
    await expect(host.execute('c3', 'notes__echo', '{"text":"back"}')).resolves.toBe('echo: back')
  })

  // Process groups are POSIX; Windows ends the tree with taskkill /T.
  it.skipIf(process.platform === 'win32')(
    'stops the whole process tree, grandchildren included',
    async () => {
      await start({ notes: testServerConfig() })
      const serverPid = manager.connection('notes')?.pid ?? 0
      const grandchild = Number(await host.execute('c1', 'notes__spawn_child', '{}'))
      expect(alive(grandchild)).toBe(true)
      await manager.stop()
      await until(() => !alive(grandchild) && !alive(serverPid), 'the tree to end', 5000)
      expect(processGroupAlive(serverPid)).toBe(false)
    }
  )

  it('names the line of a malformed mcp.json and never rewrites it', async () => {
    const broken = '{\n  "mcpServers": {\n    "notes": { "command": "x", }\n  }\n}\n'
    await start({}, broken)
    expect(manager.configError).toMatch(/^mcp\.json line 3: /)
    await expect(manager.saveServer('other', { command: 'y' })).rejects.toThrow(
      /leaves the file as it is/
    )
    await expect(readFile(configPath(), 'utf8')).resolves.toBe(broken)
  })

  it('adds, renames and removes servers, keeping entries it cannot use as written', async () => {
    await start({ odd: { command: 5 } })
    await manager.saveServer('notes', testServerConfig())
    expect(manager.servers().find((s) => s.name === 'notes')?.state).toBe('ready')
    await manager.saveServer('memo', testServerConfig(), 'notes')
    const saved = JSON.parse(await readFile(configPath(), 'utf8')) as {
      mcpServers: Record<string, unknown>
    }
    expect(Object.keys(saved.mcpServers).sort()).toEqual(['memo', 'odd'])
    expect(saved.mcpServers['odd']).toEqual({ command: 5 })
    expect(host.find('memo__echo')).toBeDefined()
    await manager.removeServer('memo')
    expect(host.find('memo__echo')).toBeUndefined()
  })
})
