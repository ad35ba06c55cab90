// MCP servers run in process groups of their own, so they outlive a Hark killed with SIGKILL. The
// next start stops them (the whole group) when they are still the recorded processes, and never
// touches a pid that now belongs to something else or to a Hark that is still running.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ToolRuntime } from '../../src/main/app/tool-runtime'
import { identifyProcess } from '../../src/main/mcp/process-identity'
import { PROCESS_LEDGER_FILE, type LedgerEntry } from '../../src/main/mcp/process-ledger'
import { processGroupAlive, signalProcessTree } from '../../src/main/mcp/process-tree'
import { unavailableToolServices } from '../../src/main/tools/desktop-tool-services'
import { testServerConfig } from '../mcp/launch'

const repoRoot = join(import.meta.dirname, '../..')

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > 30_000) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const ledger = async (dir: string): Promise<LedgerEntry[]> =>
  (
    JSON.parse(await readFile(join(dir, PROCESS_LEDGER_FILE), 'utf8').catch(() => '{}')) as {
      servers?: LedgerEntry[]
    }
  ).servers ?? []

function runtimeOn(dir: string): ToolRuntime {
  return new ToolRuntime({
    dataDir: dir,
    services: unavailableToolServices('the orphan test'),
    log: () => undefined,
    broadcast: () => undefined,
    resolvePath: () => Promise.resolve(process.env['PATH'])
  })
}

/** A process in a group of its own, like a server, but no server of ours. */
function stranger(): ChildProcess {
  const child = spawn('sleep', ['600'], { stdio: 'ignore', detached: true })
  child.unref()
  return child
}

describe.skipIf(process.platform === 'win32')('MCP servers left by a killed Hark', () => {
  let dir: string
  const cleanup: (() => void)[] = []

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hark-orphans-'))
    const server = { ...testServerConfig(), env: { HARK_TEST_MCP_GRANDCHILD: '1' } }
    await writeFile(join(dir, 'mcp.json'), JSON.stringify({ mcpServers: { notes: server } }))
  })
  afterEach(async () => {
    for (const stop of cleanup.splice(0)) stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('are stopped, grandchildren included, at the next start', async () => {
    // One process (not the tsx wrapper, whose child would outlive its SIGKILL).
    const ownerScript = join(repoRoot, 'test/mcp/orphan-owner.ts')
    const owner = spawn(process.execPath, ['--import', 'tsx', ownerScript, dir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit']
    })
    cleanup.push(() => owner.kill('SIGKILL'))
    const serverPid = await new Promise<number>((resolve, reject) => {
      owner.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())))
      owner.once('exit', () => reject(new Error('the owner exited early')))
    })
    cleanup.push(() => signalProcessTree(serverPid, 'SIGKILL'))
    await until(async () => (await ledger(dir)).some((e) => e.pid === serverPid), 'the record')

    const exited = new Promise((resolve) => owner.once('exit', resolve))
    owner.kill('SIGKILL')
    await exited
    await new Promise((resolve) => setTimeout(resolve, 300))
    // Detached: the server and its grandchild outlive the killed owner.
    expect(processGroupAlive(serverPid)).toBe(true)

    const next = runtimeOn(dir)
    cleanup.push(() => void next.dispose())
    await next.start()
    await until(() => !processGroupAlive(serverPid), 'the old group to end')
    await until(() => next.mcp.servers()[0]?.state === 'ready', 'the new server')
    const newPid = next.mcp.connection('notes')?.pid
    expect(newPid).not.toBe(serverPid)
    await until(
      async () => (await ledger(dir)).map((e) => e.pid).join() === String(newPid),
      'the new record'
    )
    await next.dispose()
    expect(await ledger(dir)).toEqual([])
  }, 90_000)

  it('never stops a reused pid, nor the servers of a Hark still running', async () => {
    const identify = identifyProcess()
    const reused = stranger()
    const running = stranger()
    cleanup.push(() => signalProcessTree(reused.pid ?? 0, 'SIGKILL'))
    cleanup.push(() => signalProcessTree(running.pid ?? 0, 'SIGKILL'))
    const reusedPid = reused.pid ?? 0
    const runningPid = running.pid ?? 0
    const deadOwner = { pid: 999_999_999, identity: 'linux:gone:1' }
    const liveOwner = { pid: process.pid, identity: (await identify(process.pid)) ?? '' }
    const entries: LedgerEntry[] = [
      // The pid now belongs to another program: its start time differs from the record.
      { pid: reusedPid, identity: 'linux:another-boot:12345', server: 'old', owner: deadOwner },
      // Its Hark (this test process) is alive: not a leftover.
      {
        pid: runningPid,
        identity: (await identify(runningPid)) ?? '',
        server: 'cli',
        owner: liveOwner
      }
    ]
    await writeFile(join(dir, PROCESS_LEDGER_FILE), JSON.stringify({ servers: entries }))
    await writeFile(join(dir, 'mcp.json'), JSON.stringify({ mcpServers: {} }))

    const next = runtimeOn(dir)
    await next.start()
    expect(processGroupAlive(reusedPid)).toBe(true)
    expect(processGroupAlive(runningPid)).toBe(true)
    expect((await ledger(dir)).map((e) => e.pid)).toEqual([runningPid])
    await next.dispose()
  })
})
