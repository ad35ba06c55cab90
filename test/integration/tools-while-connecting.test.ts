// A user who presses Connect right after Hark starts: the MCP servers list their tools while the
// socket is still opening. The session must get that list (e2e/tools.spec.ts once failed with
// "Tool notes__add_note not found": the list was dropped because the session was not yet
// connected, and the model never saw the tool for the whole session).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ToolRuntime } from '../../src/main/app/tool-runtime'
import { RealtimeController } from '../../src/main/realtime/controller'
import { unavailableToolServices } from '../../src/main/tools/desktop-tool-services'
import type { HarkTool } from '../../src/main/tools/tool-types'
import { testRealtimeConfig } from '../doubles/realtime-config'
import type { FakeRealtimeServer } from '../fake-realtime'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../fake-realtime'

const addNote: HarkTool = {
  name: 'notes__add_note',
  description: 'Adds a note.',
  parameters: {
    type: 'object',
    properties: { text: { type: 'string' } },
    required: ['text'],
    additionalProperties: false
  },
  defaultPolicy: 'run',
  destructive: false,
  source: 'notes',
  run: (args) => Promise.resolve(`noted: ${String(args['text'])}`)
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const declaredTools = (server: FakeRealtimeServer): string[] =>
  (server.session()?.tools ?? []).flatMap((t) => (t.type === 'function' && t.name ? [t.name] : []))

describe('tools listed while the session connects', () => {
  it('reach the session as it connects, and the model can call them', async () => {
    const server = await startFakeRealtimeServer({ speed: 0, preamble: () => null })
    cleanups.push(() => server.close())
    server.setOptions({
      toolCalls: (turn) =>
        turn.trigger === 'text' && turn.userText === 'note milk'
          ? { name: 'notes__add_note', arguments: { text: 'milk' } }
          : null
    })
    const runtime = new ToolRuntime({
      dataDir: null,
      services: unavailableToolServices('this test'),
      log: () => undefined,
      broadcast: () => undefined
    })
    cleanups.push(() => runtime.dispose())
    await runtime.start()
    // The key is read while connecting: holding it keeps the socket "still opening" for as long
    // as the test needs, with no timing guess.
    let giveKey: (key: string) => void = () => undefined
    const key = new Promise<string>((resolve) => (giveKey = resolve))
    const controller = new RealtimeController(
      testRealtimeConfig(server.url, FAKE_API_KEY, { apiKey: () => key }),
      { tools: runtime.sdkTools(), approveTool: runtime.decide }
    )
    cleanups.push(() => controller.stop())
    runtime.attachController(controller)
    const started = controller.start()
    expect(controller.status).toBe('connecting')

    // The MCP server's tools arrive now (McpManager does exactly this when a server is ready).
    runtime.host.setTools('mcp:notes', [addNote])
    await new Promise((resolve) => setImmediate(resolve))
    giveKey(FAKE_API_KEY)
    await started

    await vi.waitFor(() => expect(declaredTools(server)).toContain('notes__add_note'))
    controller.sendText('note milk')
    const output = await server.waitForClientEvent(
      'conversation.item.create',
      (recorded) =>
        (recorded.event['item'] as { type?: string } | undefined)?.type === 'function_call_output'
    )
    expect((output.event['item'] as { output: string }).output).toBe('noted: milk')
  })
})
