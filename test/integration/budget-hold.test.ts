// Over the monthly budget, the core sends the user's turn without `response.create`, and a
// hands-free session stops the server VAD from starting answers (`create_response: false` in a
// partial `session.update`): against the strict fake server, which must accept both.
import { afterEach, describe, expect, it } from 'vitest'
import { recordCoreEvents } from '../doubles/core-event-recorder'
import { testRealtimeConfig } from '../doubles/realtime-config'
import { RealtimeController } from '../../src/main/realtime/controller'
import { FAKE_API_KEY, startFakeRealtimeServer, type FakeRealtimeServer } from '../fake-realtime'

let server: FakeRealtimeServer | undefined
let controller: RealtimeController | undefined

afterEach(async () => {
  await controller?.stop()
  await server?.close()
})

const sent = (type: string): number =>
  server?.clientEvents.filter((event) => event.type === type).length ?? 0

describe('a turn held by the budget', () => {
  it('a typed message goes in without a response until requestResponse', async () => {
    server = await startFakeRealtimeServer({ speed: 0 })
    controller = new RealtimeController(testRealtimeConfig(server.url, FAKE_API_KEY))
    const events = recordCoreEvents(controller)
    await controller.start()
    controller.sendText('Are you there?', 'item_held_1', { respond: false })
    await events.until('history')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(sent('conversation.item.create')).toBe(1)
    expect(sent('response.create')).toBe(0)
    controller.requestResponse()
    await events.until('response_done')
    expect(server.responses.at(-1)?.text).toBe('You said: Are you there?')
    expect(events.ofType('error')).toEqual([])
  })

  it('hands-free: the VAD stops answering by itself, and starts again', async () => {
    server = await startFakeRealtimeServer({ speed: 0 })
    controller = new RealtimeController(
      testRealtimeConfig(server.url, FAKE_API_KEY, { turnDetection: 'server_vad' })
    )
    const events = recordCoreEvents(controller)
    await controller.start()
    controller.setAutoRespond(false)
    await server.waitForClientEvent('session.update', (e) =>
      JSON.stringify(e.event).includes('create_response')
    )
    const updates = server.clientEvents.filter((event) => event.type === 'session.update')
    expect(updates.at(-1)?.event).toMatchObject({
      session: {
        type: 'realtime',
        audio: { input: { turn_detection: { type: 'server_vad', create_response: false } } }
      }
    })
    controller.setAutoRespond(true)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(events.ofType('error')).toEqual([])
  })
})
