// Cost and latency per turn through the real core and the fake server: the breakdown measured
// with a fake clock, the cost from the usage the server sent, and no crash (tokens unknown) when
// the server sends no usage or a malformed one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordCoreEvents } from '../doubles/core-event-recorder'
import { testRealtimeConfig } from '../doubles/realtime-config'
import { RealtimeController } from '../../src/main/realtime/controller'
import { responseCostUsd } from '../../src/main/usage/cost'
import type { FakeRealtimeServer } from '../fake-realtime'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../fake-realtime'

let server: FakeRealtimeServer
let controller: RealtimeController | undefined
/** A clock that moves 100 ms each time it is read: every measured span is a whole multiple. */
let clockMs = 0
const now = (): number => (clockMs += 100)

beforeEach(async () => {
  server = await startFakeRealtimeServer({ speed: 0 })
  clockMs = 0
})

afterEach(async () => {
  await controller?.stop()
  controller = undefined
  await server.close()
})

function start(): ReturnType<typeof recordCoreEvents> {
  controller = new RealtimeController(testRealtimeConfig(server.url, FAKE_API_KEY), { now })
  return recordCoreEvents(controller, 8000)
}

describe('turn metrics', () => {
  it('a typed turn: its cost from the usage, and the latency once the first sample is heard', async () => {
    const { until, ofType } = start()
    await controller?.start()
    controller?.sendText('Hello') // clock 100: the turn ends
    const atDone = await until('turn_metrics') // created 200, first audio 300
    expect(atDone.usage?.outputTokens).toBeGreaterThan(0)
    expect(atDone.costUsd).toBe(responseCostUsd('gpt-realtime-2.1', atDone.usage!))
    expect(atDone.costUsd).toBeGreaterThan(0)
    // Every item of the answer (a preamble, then the answer, when the fake sends one).
    expect(atDone.itemIds).toEqual(server.responses[0]?.items.map((item) => item.itemId))
    expect(atDone.latency).toMatchObject({ startedBy: 'text', heardMs: null, totalMs: null })
    // The first report, at clock 400, says 40 ms were played: the first sample was heard at 360.
    controller?.reportPlayback(atDone.itemIds[0] ?? '', 40)
    const heard = await until('turn_metrics', 2)
    expect(heard.latency).toEqual({
      startedBy: 'text',
      commitMs: 0,
      createdMs: 100,
      firstAudioMs: 100,
      heardMs: 60,
      totalMs: 260
    })
    expect(heard.costUsd).toBe(atDone.costUsd)
    // Later reports change nothing.
    controller?.reportPlayback(atDone.itemIds[0] ?? '', 400)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(ofType('turn_metrics')).toHaveLength(2)
  })

  it.each(['missing', 'malformed'] as const)(
    'usage %s in response.done: tokens and cost unknown, the turn still completes',
    async (usage) => {
      server.faults.usage = usage
      const { until } = start()
      await controller?.start()
      controller?.sendText('Hello')
      const metrics = await until('turn_metrics')
      expect(metrics).toMatchObject({ usage: null, responseCostUsd: null, costUsd: null })
      await until('response_done')
      expect(controller?.status).toBe('connected')
    }
  )

  it('a model without a price: tokens, and no cost', async () => {
    controller = new RealtimeController(
      testRealtimeConfig(server.url, FAKE_API_KEY, { model: 'my-own-model' }),
      { now }
    )
    const { until } = recordCoreEvents(controller, 8000)
    await controller.start()
    controller.sendText('Hello')
    const metrics = await until('turn_metrics')
    expect(metrics.usage?.inputTokens).toBeGreaterThan(0)
    expect(metrics.costUsd).toBeNull()
  })
})
