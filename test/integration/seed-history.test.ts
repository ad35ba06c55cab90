// A reconnect's replay against the fake Realtime server: the first session's conversation goes
// into a second session as text items (assistant ones as `output_text`, which the API accepts
// and the SDK parses), and the next turn in the second session works.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RealtimeController } from '../../src/main/realtime/controller'
import type { ConversationItem, RealtimeCoreEvent } from '../../src/shared/realtime-events'
import type { FakeRealtimeServer } from '../fake-realtime'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../fake-realtime'
import { testRealtimeConfig } from '../doubles/realtime-config'

let server: FakeRealtimeServer
const controllers: RealtimeController[] = []

beforeEach(async () => {
  // Counts the replayed items of one-item answers; multi-item replay: history-routing tests.
  server = await startFakeRealtimeServer({ speed: 0, preamble: () => null })
})

afterEach(async () => {
  for (const controller of controllers.splice(0)) await controller.stop()
  await server.close()
})

function open(): { controller: RealtimeController; events: RealtimeCoreEvent[] } {
  const controller = new RealtimeController(testRealtimeConfig(server.url, FAKE_API_KEY))
  controllers.push(controller)
  const events: RealtimeCoreEvent[] = []
  controller.subscribe((event) => events.push(event))
  return { controller, events }
}

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 8000
  for (;;) {
    const found = find()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

const lastHistory = (events: RealtimeCoreEvent[]): ConversationItem[] =>
  events.flatMap((event) => (event.type === 'history' ? [event.items] : [])).at(-1) ?? []

const responsesDone = (events: RealtimeCoreEvent[]): number =>
  events.filter((event) => event.type === 'response_done').length

describe('RealtimeController.seedHistory against the fake Realtime server', () => {
  it('replays the conversation as text items, and the next turn works', async () => {
    const first = open()
    await first.controller.start()
    first.controller.sendText('My name is Ada')
    await until(() => (responsesDone(first.events) > 0 ? true : undefined), 'the first answer')
    const history = await until(() => {
      const items = lastHistory(first.events)
      return items.length === 2 && items.every((item) => item.status === 'completed')
        ? items
        : undefined
    }, 'a completed history')
    await first.controller.stop()

    const second = open()
    await second.controller.start()
    expect(second.controller.seedHistory(history)).toBe(2)
    const replayed = await until(() => {
      const creates = server.clientEvents.filter(
        (e) => e.connectionIndex === 1 && e.type === 'conversation.item.create'
      )
      return creates.length === 2 ? creates : undefined
    }, 'the replayed items')
    expect(replayed.map((e) => e.error)).toEqual([null, null])
    expect(replayed.map((e) => e.event.item)).toEqual([
      {
        id: history[0]?.itemId,
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'My name is Ada' }]
      },
      {
        id: history[1]?.itemId,
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: history[1]?.text }]
      }
    ])
    // The SDK took the replayed items into its history, with the same ids.
    await until(
      () => (lastHistory(second.events).length === 2 ? true : undefined),
      'the replayed history'
    )
    expect(lastHistory(second.events).map((item) => [item.itemId, item.role, item.text])).toEqual(
      history.map((item) => [item.itemId, item.role, item.text])
    )

    second.controller.sendText('What is my name?')
    await until(() => (responsesDone(second.events) > 0 ? true : undefined), 'the next answer')
    expect(second.events.filter((e) => e.type === 'response_done').at(-1)).toMatchObject({
      status: 'completed'
    })
    expect(second.events.filter((e) => e.type === 'error')).toEqual([])
    expect(
      lastHistory(second.events)
        .map((item) => item.itemId)
        .slice(0, 2)
    ).toEqual(history.map((item) => item.itemId))
  })

  it('refuses to seed without a session', () => {
    const { controller } = open()
    expect(() => controller.seedHistory([])).toThrow(
      expect.objectContaining({ code: 'not_connected' })
    )
  })
})
