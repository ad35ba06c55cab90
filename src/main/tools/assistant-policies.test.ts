// An assistant's own tool policies (issue 14) win over the global ones for its session only:
// a tool the user lets one assistant run freely still asks in the others, and one turned off for
// an assistant is neither offered to its model nor run for it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toSdkTools } from './sdk-tools'
import { createToolPermissions } from './tool-permissions'
import { ToolHost } from './tool-host'
import type { HarkTool } from './tool-types'

const notesTool = (runs: unknown[]): HarkTool => ({
  name: 'notes__add',
  description: 'Add a note',
  parameters: { type: 'object', properties: { text: { type: 'string' } } },
  defaultPolicy: 'ask',
  destructive: false,
  source: 'notes',
  run: (args) => {
    runs.push(args)
    return Promise.resolve('added')
  }
})

describe('per-assistant tool policies', () => {
  let dir: string
  let host: ToolHost
  const runs: unknown[] = []

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hark-policies-'))
    const permissions = createToolPermissions(dir)
    await permissions.load()
    host = new ToolHost({ permissions, onEvent: () => undefined })
    host.setTools('notes', [notesTool(runs)])
    runs.length = 0
  })
  afterEach(async () => {
    host.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  it('lets one assistant run a tool without asking while the others still ask', () => {
    expect(host.needsApproval('notes__add', { notes__add: 'run' })).toBe(false)
    expect(host.needsApproval('notes__add')).toBe(true)
    expect(host.needsApproval('notes__add', {})).toBe(true)
  })

  it('keeps a tool turned off for one assistant from its model and refuses to run it', async () => {
    const off = { notes__add: 'never' } as const
    expect(toSdkTools(host, off).map((t) => t.name)).toEqual([])
    expect(toSdkTools(host).map((t) => t.name)).toEqual(['notes__add'])
    const refused = await host.execute('call_1', 'notes__add', '{"text":"milk"}', off)
    expect(refused).toBe('The user has turned this tool off.')
    const verdict = await host.decideApproval('call_2', 'notes__add', '{"text":"milk"}', off)
    expect(verdict).toEqual({ approved: false, message: 'The user has turned this tool off.' })
    expect(runs).toEqual([])
    // The global policy is untouched: without the assistant's, the call runs.
    expect(await host.execute('call_3', 'notes__add', '{"text":"milk"}')).toBe('added')
  })
})
