// Consent through the real SDK: the fake Realtime server scripts a function call, the SDK asks
// (`tool_approval_requested`), the user's answer decides, and the server receives the output.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ToolRuntime } from '../../src/main/app/tool-runtime'
import type { IpcEventMessage } from '../../src/main/app/event-mapping'
import { RealtimeController } from '../../src/main/realtime/controller'
import { unavailableToolServices } from '../../src/main/tools/desktop-tool-services'
import { testRealtimeConfig } from '../doubles/realtime-config'
import type { FakeRealtimeServer } from '../fake-realtime'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../fake-realtime'

describe('tool approvals through the SDK', () => {
  let server: FakeRealtimeServer
  let dir: string
  let runtime: ToolRuntime
  let controller: RealtimeController
  let messages: IpcEventMessage[]

  const approvalIds = (): string[] =>
    messages.flatMap((m) => (m.channel === 'tools.approvalRequested' ? [m.payload.id] : []))
  const until = async (check: () => boolean): Promise<void> => {
    for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25))
    expect(check()).toBe(true)
  }
  const outputOf = async (callId: string): Promise<string> => {
    const event = await server.waitForClientEvent(
      'conversation.item.create',
      (recorded) => (recorded.event['item'] as { call_id?: string } | undefined)?.call_id === callId
    )
    return String((event.event['item'] as { output: string }).output)
  }

  beforeEach(async () => {
    server = await startFakeRealtimeServer({ speed: 0 })
    server.setOptions({
      toolCalls: (turn) =>
        turn.trigger === 'text' && turn.userText?.startsWith('clip ')
          ? { name: 'write_clipboard', arguments: { text: turn.userText.slice(5) } }
          : null
    })
    dir = await mkdtemp(join(tmpdir(), 'hark-approvals-'))
    messages = []
    const clipboard: string[] = []
    runtime = new ToolRuntime({
      dataDir: dir,
      services: {
        ...unavailableToolServices('this test'),
        writeClipboardText: (text) => {
          clipboard.push(text)
          return Promise.resolve()
        }
      },
      log: () => undefined,
      broadcast: (message) => messages.push(message),
      approvalTimeoutMs: 500
    })
    await runtime.start()
    controller = new RealtimeController(testRealtimeConfig(server.url, FAKE_API_KEY), {
      tools: runtime.sdkTools(),
      approveTool: runtime.decide
    })
    await controller.start()
  })
  afterEach(async () => {
    await controller.stop()
    await runtime.dispose()
    await server.close()
    await rm(dir, { recursive: true, force: true })
  })

  const callIdOf = (index: number): string => server.responses[index]?.toolCall?.callId ?? ''

  it('runs the tool once the user allows it, and the server gets its output', async () => {
    controller.sendText('clip hello')
    await until(() => approvalIds().length === 1)
    expect(messages.find((m) => m.channel === 'tools.approvalRequested')?.payload).toMatchObject({
      toolName: 'write_clipboard',
      source: 'builtin'
    })
    await runtime.handlers['tools.approve']({ id: approvalIds()[0] ?? '', always: false })
    await expect(outputOf(callIdOf(0))).resolves.toBe('The text is on the clipboard.')
  })

  it('tells the model the user declined', async () => {
    controller.sendText('clip secret')
    await until(() => approvalIds().length === 1)
    await runtime.handlers['tools.deny']({ id: approvalIds()[0] ?? '' })
    await expect(outputOf(callIdOf(0))).resolves.toBe('The user declined.')
  })

  it('denies when nobody answers in time', async () => {
    controller.sendText('clip later')
    await until(() => approvalIds().length === 1)
    await expect(outputOf(callIdOf(0))).resolves.toMatch(/did not answer/)
  })

  it('does not ask again after "always allow" until it is revoked', async () => {
    controller.sendText('clip one')
    await until(() => approvalIds().length === 1)
    await runtime.handlers['tools.approve']({ id: approvalIds()[0] ?? '', always: true })
    await expect(outputOf(callIdOf(0))).resolves.toBe('The text is on the clipboard.')
    controller.sendText('clip two')
    await until(() => server.responses.length >= 4)
    await expect(outputOf(callIdOf(2))).resolves.toBe('The text is on the clipboard.')
    expect(approvalIds()).toHaveLength(1)
    await runtime.handlers['tools.revoke']({ name: 'write_clipboard' })
    controller.sendText('clip three')
    await until(() => approvalIds().length === 2)
  })
})
