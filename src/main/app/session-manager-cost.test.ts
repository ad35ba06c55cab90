// What a session costs is never dropped by the session manager, even when it is reported while
// the session is being closed: GPT-Live charges the seconds after its last answer at stop
// (live-turn-cost.ts), and those belong in the status bar's total like any other.
import { describe, expect, it } from 'vitest'
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
})
