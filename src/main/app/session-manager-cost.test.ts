// What a session costs is never dropped by the session manager, even when it is reported while
// the session is being closed: GPT-Live charges the seconds after its last answer at stop
// (live-turn-cost.ts), and those belong in the status bar's total like any other.
import { describe, expect, it } from 'vitest'
import type { FakeController } from '../../../test/doubles/fake-controller'
import { createManagerHarness } from '../../../test/doubles/session-manager-harness'
import type { TurnMetrics } from '../../shared/turn-metrics'

const lastSeconds: TurnMetrics = {
  responseId: 'live_time_1',
  itemIds: [],
  model: 'gpt-live-1.1',
  usage: null,
  responseCostUsd: 0.01,
  transcriptionCostUsd: 0,
  costUsd: 0.01,
  latency: null
}

describe('SessionManager and the cost of a closing session', () => {
  it('forwards the cost a session reports while Disconnect closes it', async () => {
    const { manager, events, live } = createManagerHarness()
    const controller = await live()
    const stop = controller.stop.bind(controller)
    controller.stop = async () => {
      controller.emit({ type: 'turn_metrics', ...lastSeconds })
      // Anything else it says while closing is not the window's business any more.
      controller.emit({ type: 'transcript_delta', role: 'assistant', itemId: 'x', delta: 'late' })
      await stop()
    }
    await manager.stop()
    expect(events.filter((e) => e.type === 'turn_metrics')).toEqual([
      { type: 'turn_metrics', ...lastSeconds }
    ])
    expect(events.some((e) => e.type === 'transcript_delta')).toBe(false)
  })

  it('forwards the cost the old session reports when a planned rollover stops it', async () => {
    const h = createManagerHarness({ sessionLifetimeMs: 60 * 60_000 })
    const first = await h.live()
    const stop = first.stop.bind(first)
    first.stop = async () => {
      first.emit({ type: 'turn_metrics', ...lastSeconds })
      first.emit({ type: 'transcript_delta', role: 'assistant', itemId: 'x', delta: 'late' })
      await stop()
    }
    // 54 minutes into the hour the quiet conversation moves to a fresh session.
    await h.advance(54 * 60_000)
    expect(h.controllers).toHaveLength(2)
    expect((h.controllers[0] as FakeController).calls.at(-1)).toEqual({ method: 'stop' })
    expect(h.events.filter((e) => e.type === 'turn_metrics')).toEqual([
      { type: 'turn_metrics', ...lastSeconds }
    ])
    expect(h.events.some((e) => e.type === 'transcript_delta')).toBe(false)
  })
})
