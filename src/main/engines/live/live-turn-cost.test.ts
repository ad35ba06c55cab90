import { describe, expect, it } from 'vitest'
import { LiveTurnCost } from './live-turn-cost'
import { liveCostUsd } from './live-prices'
import type { LiveUsage } from './live-usage'

const usage = (seconds: number, model = 'gpt-live-1.1'): LiveUsage => ({
  model,
  seconds,
  costUsd: liveCostUsd(model, seconds)
})

describe('GPT-Live cost per turn', () => {
  it('charges each turn what the cumulative total grew by, so the figures add up to it', () => {
    let n = 0
    const cost = new LiveTurnCost(() => `rest_${++n}`)
    const first = cost.turnEnded('a1', usage(12))
    const second = cost.turnEnded('a2', usage(30))
    const rest = cost.remainder(usage(42))
    expect(first.costUsd).toBeCloseTo(0.01, 10)
    expect(second.costUsd).toBeCloseTo(0.015, 10)
    expect(rest).toMatchObject({ responseId: 'rest_1', itemIds: [] })
    const total = [first, second, rest].reduce((sum, m) => sum + (m?.costUsd ?? 0), 0)
    expect(total).toBeCloseTo((42 / 60) * 0.05, 10)
    // Nothing new: nothing more is charged.
    expect(cost.remainder(usage(42))).toBeNull()
  })

  it('an unknown model shows its turns as price unknown and charges no remainder', () => {
    const cost = new LiveTurnCost(() => 'rest')
    expect(cost.turnEnded('a1', usage(10, 'gpt-live-9')).costUsd).toBeNull()
    expect(cost.remainder(usage(20, 'gpt-live-9'))).toBeNull()
  })
})
