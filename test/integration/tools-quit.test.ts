// Quitting Hark leaves nothing running: the core's dispose (the Electron entry calls it on quit)
// ends every MCP server's whole process group, grandchildren included.
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHarkMain } from '../../src/main/app/hark-main'
import type { ToolsOverview } from '../../src/shared/tools-ipc'
import { FakeCipher } from '../doubles/fake-controller'
import { testServerPath } from '../mcp/launch'

/** Every live process as [pid, process group]. */
function processGroups(): [number, number][] {
  return execFileSync('ps', ['-eo', 'pid=,pgid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number])
}

describe.skipIf(process.platform === 'win32')('quitting with MCP servers running', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hark-quit-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('ends each server and its children', async () => {
    const marker = `hark-quit-${Date.now()}`
    await writeFile(
      join(dir, 'mcp.json'),
      JSON.stringify({
        mcpServers: {
          notes: {
            command: process.execPath,
            args: [testServerPath(), marker],
            env: { HARK_TEST_MCP_GRANDCHILD: '1' }
          }
        }
      })
    )
    const core = createHarkMain({ userDataDir: dir, env: {}, cipher: new FakeCipher() })
    let overview: ToolsOverview | undefined
    for (let i = 0; i < 400; i++) {
      overview = (await core.handleInvoke('tools.overview', undefined)) as ToolsOverview
      if (overview.servers[0]?.state === 'ready') break
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(overview?.servers[0]).toMatchObject({ state: 'ready', toolCount: 8 })
    const serverPid = Number(
      execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).trim().split('\n')[0]
    )
    const group = processGroups().filter(([, pgid]) => pgid === serverPid)
    // The server and its grandchild share the server's own process group.
    expect(group.length).toBeGreaterThanOrEqual(2)

    await core.dispose()
    // Signals are delivered asynchronously: give the kernel a moment to reap the group.
    const left = (): [number, number][] => processGroups().filter(([, pgid]) => pgid === serverPid)
    for (let i = 0; i < 100 && left().length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20))
    expect(left()).toEqual([])
  })
})
