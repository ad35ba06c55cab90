// Tool changes reach every session that may still use tools: with several assistants at once
// (issue 14) each session has its own controller and policies, and a finished controller is let go.
import { afterEach, describe, expect, it } from 'vitest'
import type { RealtimeCoreEvent } from '../../shared/realtime-events'
import type { RealtimeTool } from '../realtime/session-config'
import { unavailableToolServices } from '../tools/desktop-tool-services'
import type { HarkTool } from '../tools/tool-types'
import { ToolRuntime, type ToolAwareController } from './tool-runtime'

class ListeningController implements ToolAwareController {
  status = 'connected'
  readonly toolLists: string[][] = []
  readonly #listeners = new Set<(event: RealtimeCoreEvent) => void>()

  updateTools(tools: RealtimeTool[]): Promise<void> {
    this.toolLists.push(tools.map((tool) => tool.name))
    return Promise.resolve()
  }

  subscribe(listener: (event: RealtimeCoreEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  disconnect(): void {
    this.status = 'disconnected'
    for (const listener of this.#listeners) listener({ type: 'status', status: 'disconnected' })
  }

  get listenerCount(): number {
    return this.#listeners.size
  }
}

const note: HarkTool = {
  name: 'notes__add',
  description: 'Add a note',
  parameters: { type: 'object', properties: {}, additionalProperties: false },
  defaultPolicy: 'ask',
  destructive: false,
  source: 'notes',
  run: () => Promise.resolve('added')
}

let runtime: ToolRuntime | null = null
afterEach(async () => {
  await runtime?.dispose()
  runtime = null
})

const newRuntime = (): ToolRuntime =>
  new ToolRuntime({
    dataDir: null,
    services: unavailableToolServices('this test'),
    log: () => undefined,
    broadcast: () => undefined
  })

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('ToolRuntime with several sessions', () => {
  it('gives a new tool list to every open session, each under its own policies', async () => {
    runtime = newRuntime()
    const alpha = new ListeningController()
    const beta = new ListeningController()
    runtime.attachController(alpha)
    runtime.attachController(beta, { notes__add: 'never' })

    runtime.host.setTools('mcp:notes', [note])
    await settle()
    expect(alpha.toolLists.at(-1)).toContain('notes__add')
    // Beta's assistant turned the tool off: its session is told the list without it.
    expect(beta.toolLists).toHaveLength(1)
    expect(beta.toolLists.at(-1)).not.toContain('notes__add')
  })

  it('lets go of a session once it reports itself disconnected', async () => {
    runtime = newRuntime()
    const old = new ListeningController()
    const current = new ListeningController()
    runtime.attachController(old)
    runtime.attachController(current)
    old.disconnect()
    expect(old.listenerCount).toBe(0)

    runtime.host.setTools('mcp:notes', [note])
    await settle()
    expect(old.toolLists).toEqual([])
    expect(current.toolLists).toHaveLength(1)
  })
})
