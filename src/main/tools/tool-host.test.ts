import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualTimers } from '../../../test/doubles/manual-timers'
import type { ApprovalRequest } from './approval-broker'
import { createToolPermissions, TOOL_PERMISSIONS_FILE } from './tool-permissions'
import { ToolHost, type ToolHostEvent } from './tool-host'
import type { HarkTool } from './tool-types'

const timers = (): {
  manual: ManualTimers
  setTimer: (cb: () => void, ms: number) => () => void
} => {
  const manual = new ManualTimers()
  return {
    manual,
    setTimer: (cb, ms) => {
      const handle = manual.set(cb, ms)
      return () => manual.clear(handle)
    }
  }
}

function fakeTool(overrides: Partial<HarkTool> = {}): HarkTool & { runs: unknown[] } {
  const runs: unknown[] = []
  return {
    name: 'notes__add',
    description: 'Add a note',
    parameters: {
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
      additionalProperties: false
    },
    defaultPolicy: 'ask',
    destructive: false,
    source: 'notes',
    run: (args) => {
      runs.push(args)
      return Promise.resolve(`added ${String(args['text'])}`)
    },
    ...overrides,
    runs
  }
}

describe('ToolHost', () => {
  let dir: string
  let events: ToolHostEvent[]
  let clock: ReturnType<typeof timers>
  let host: ToolHost

  const requests = (): ApprovalRequest[] =>
    events.flatMap((e) => (e.type === 'approval_requested' ? [e.request] : []))
  const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hark-tools-'))
    events = []
    clock = timers()
    const permissions = createToolPermissions(dir)
    await permissions.load()
    host = new ToolHost({
      permissions,
      onEvent: (event) => events.push(event),
      setTimer: clock.setTimer
    })
  })
  afterEach(async () => {
    host.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  it('asks for an ask-tool and approves only when the user allows once', async () => {
    const tool = fakeTool()
    host.setTools('notes', [tool])
    expect(host.needsApproval('notes__add')).toBe(true)
    const verdict = host.decideApproval('call_1', 'notes__add', '{"text":"milk"}')
    await flush()
    const [request] = requests()
    expect(request).toMatchObject({ toolName: 'notes__add', source: 'notes', canAlwaysAllow: true })
    expect(request?.argumentsText).toContain('"text": "milk"')
    expect(host.answer(request?.id ?? '', 'once')).toBe(true)
    await expect(verdict).resolves.toEqual({ approved: true })
    // Once is once: the next call asks again.
    expect(host.needsApproval('notes__add')).toBe(true)
  })

  it('tells the model in words that the user declined', async () => {
    host.setTools('notes', [fakeTool()])
    const verdict = host.decideApproval('call_1', 'notes__add', '{"text":"milk"}')
    await flush()
    host.answer(requests()[0]?.id ?? '', 'deny')
    await expect(verdict).resolves.toEqual({ approved: false, message: 'The user declined.' })
  })

  it('denies after 60 s without an answer', async () => {
    host.setTools('notes', [fakeTool()])
    const verdict = host.decideApproval('call_1', 'notes__add', '{"text":"milk"}')
    await flush()
    clock.manual.advance(59_999)
    expect(host.pendingApprovals()).toHaveLength(1)
    clock.manual.advance(1)
    await expect(verdict).resolves.toMatchObject({ approved: false })
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'approval_ended', outcome: 'timeout' })
    )
    expect(host.answer(requests()[0]?.id ?? '', 'once')).toBe(false)
  })

  it('remembers "always allow" on disk until the user revokes it', async () => {
    host.setTools('notes', [fakeTool()])
    const verdict = host.decideApproval('call_1', 'notes__add', '{"text":"milk"}')
    await flush()
    host.answer(requests()[0]?.id ?? '', 'always')
    await verdict
    expect(host.needsApproval('notes__add')).toBe(false)
    const saved = JSON.parse(await readFile(join(dir, TOOL_PERMISSIONS_FILE), 'utf8')) as unknown
    expect(saved).toMatchObject({ alwaysAllowed: ['notes__add'] })
    await host.revoke('notes__add')
    expect(host.needsApproval('notes__add')).toBe(true)
    expect(host.summaries()[0]).toMatchObject({ alwaysAllowed: false })
  })

  it('ends only the approvals of the session that closed (and those of no session)', async () => {
    host.setTools('notes', [fakeTool()])
    const alpha = host.decideApproval('call_a', 'notes__add', '{"text":"a"}', undefined, 'alpha')
    const beta = host.decideApproval('call_b', 'notes__add', '{"text":"b"}', undefined, 'beta')
    const unowned = host.decideApproval('call_c', 'notes__add', '{"text":"c"}')
    await flush()
    host.cancelPending('beta')
    await expect(beta).resolves.toMatchObject({ approved: false })
    await expect(unowned).resolves.toMatchObject({ approved: false })
    // Alpha's card stays, and the user's answer still reaches Alpha's call.
    expect(host.pendingApprovals().map((request) => request.argumentsText)).toEqual([
      expect.stringContaining('"a"')
    ])
    host.answer(host.pendingApprovals()[0]?.id ?? '', 'once')
    await expect(alpha).resolves.toEqual({ approved: true })
  })

  it('never lets a destructive tool be always allowed', async () => {
    host.setTools('notes', [fakeTool({ name: 'notes__wipe', destructive: true })])
    const verdict = host.decideApproval('call_1', 'notes__wipe', '{"text":"x"}')
    await flush()
    expect(requests()[0]?.canAlwaysAllow).toBe(false)
    host.answer(requests()[0]?.id ?? '', 'always')
    await expect(verdict).resolves.toEqual({ approved: true })
    expect(host.needsApproval('notes__wipe')).toBe(true)
  })

  it('fails closed: an unknown stored policy asks, an unknown tool is refused', async () => {
    host.setTools('notes', [fakeTool({ defaultPolicy: 'sometimes' as never })])
    expect(host.needsApproval('notes__add')).toBe(true)
    expect(host.summaries()[0]?.policy).toBe('ask')
    await expect(host.decideApproval('c', 'nope', '{}')).resolves.toMatchObject({ approved: false })
    await expect(host.execute('c', 'nope', '{}')).resolves.toMatch(/no tool named nope/)
  })

  it('refuses arguments that fail the schema before asking or running', async () => {
    const tool = fakeTool()
    host.setTools('notes', [tool])
    await expect(host.decideApproval('c', 'notes__add', '{"txt":1}')).resolves.toMatchObject({
      approved: false,
      message: expect.stringMatching(/do not match the tool's schema/) as unknown
    })
    expect(requests()).toHaveLength(0)
    await expect(host.execute('c', 'notes__add', 'not json')).resolves.toMatch(/not valid JSON/)
    expect(tool.runs).toHaveLength(0)
  })

  it('a never-tool is refused even when the model calls it', async () => {
    const tool = fakeTool({ defaultPolicy: 'run' })
    host.setTools('notes', [tool])
    await host.setPolicy('notes__add', 'never')
    await expect(host.execute('c', 'notes__add', '{"text":"a"}')).resolves.toBe(
      'The user has turned this tool off.'
    )
    expect(tool.runs).toHaveLength(0)
  })

  it('ends a tool that runs longer than 30 s and says so', async () => {
    host.setTools('slow', [fakeTool({ run: () => new Promise(() => undefined) })])
    const result = host.execute('c', 'notes__add', '{"text":"a"}')
    await flush()
    clock.manual.advance(30_000)
    await expect(result).resolves.toMatch(/longer than 30 seconds/)
    expect(events.at(-1)).toMatchObject({ type: 'activity', activity: { state: 'timed_out' } })
  })

  it('drops a 10 MB result with a clear sentence', async () => {
    host.setTools('big', [fakeTool({ run: () => Promise.resolve('x'.repeat(10_000_000)) })])
    await expect(host.execute('c', 'notes__add', '{"text":"a"}')).resolves.toMatch(
      /returned 10\.0 MB, more than the 100 kB/
    )
  })

  it('reports progress then a short result for the conversation', async () => {
    host.setTools('notes', [fakeTool({ defaultPolicy: 'run' })])
    await expect(host.execute('c1', 'notes__add', '{"text":"milk"}')).resolves.toBe('added milk')
    const states = events.flatMap((e) => (e.type === 'activity' ? [e.activity.state] : []))
    expect(states).toEqual(['running', 'done'])
  })
})
