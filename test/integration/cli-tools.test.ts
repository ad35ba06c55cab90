// The CLI with tools: a real MCP server over stdio from --mcp-config, a tool call scripted by the
// fake Realtime server, and the three ways an approval is answered: --yes, the terminal, and no
// terminal at all (denied).
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/main/cli/main'
import { FAKE_API_KEY, startFakeRealtimeServer, type FakeRealtimeServer } from '../fake-realtime'
import { testServerConfig } from '../mcp/launch'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx')
const entry = join(repoRoot, 'src', 'main', 'cli', 'index.ts')

// Each run starts a CLI process and an MCP server: seconds on a loaded machine.
describe('CLI tool approvals', { timeout: 60_000 }, () => {
  let server: FakeRealtimeServer
  let dir: string
  let env: Record<string, string | undefined>
  let args: string[]

  beforeEach(async () => {
    server = await startFakeRealtimeServer({ speed: 0 })
    server.setOptions({
      toolCalls: (turn) =>
        turn.trigger === 'text'
          ? { name: 'notes__add_note', arguments: { text: turn.userText ?? '' } }
          : null
    })
    dir = await mkdtemp(join(tmpdir(), 'hark-cli-tools-'))
    const config = join(dir, 'mcp.json')
    await writeFile(config, JSON.stringify({ mcpServers: { notes: testServerConfig() } }))
    // The data folder (tool permissions) in the temp folder, never the developer's own.
    env = {
      PATH: process.env['PATH'],
      HOME: dir,
      XDG_CONFIG_HOME: dir,
      OPENAI_API_KEY: FAKE_API_KEY,
      OPENAI_REALTIME_URL: server.url
    }
    args = ['--text', 'milk', '--mcp-config', config, '--timeout', '30']
  })
  afterEach(async () => {
    await server.close()
    await rm(dir, { recursive: true, force: true })
  })

  function runChild(
    extra: string[]
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      // Standard input is a pipe here: not a terminal.
      const child = spawn(tsx, [entry, ...args, ...extra], { cwd: repoRoot, env })
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stdout, stderr }))
    })
  }

  it('--yes runs the tool without asking', async () => {
    const run = await runChild(['--yes'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Here is what the tool said: noted: milk (1 notes)')
  })

  it('with no terminal and no --yes, the call is denied and the model told', async () => {
    const run = await runChild([])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Here is what the tool said: The user declined.')
    expect(run.stderr).toContain('hark: denied notes__add_note: no terminal to ask on (use --yes).')
  })

  it('asks on the terminal and runs the tool on "y"', async () => {
    const questions: string[] = []
    let stdout = ''
    const code = await main({
      argv: args,
      env,
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      prompt: (question) => {
        questions.push(question)
        return Promise.resolve('y')
      }
    })
    expect(code).toBe(0)
    expect(questions).toEqual(['Allow notes__add_note {"text":"milk"}? [y/N/a] '])
    expect(stdout).toContain('Here is what the tool said: noted: milk (1 notes)')
  })

  it('a missing --mcp-config file is a usage error', async () => {
    let stderr = ''
    const code = await main({
      argv: ['--text', 'hi', '--mcp-config', join(dir, 'nope.json')],
      env,
      stdout: () => undefined,
      stderr: (text) => (stderr += text)
    })
    expect(code).toBe(2)
    expect(stderr).toMatch(/^hark: Cannot read .*nope\.json: no such file\./)
  })
})
