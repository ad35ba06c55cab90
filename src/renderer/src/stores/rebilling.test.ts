import { describe, expect, it } from 'vitest'
import type { TurnMetrics } from '../../../shared/turn-metrics'
import { rebillingHint } from './rebilling'

const turn = (responseCostUsd: number | null, inputTokens: number): TurnMetrics => ({
  responseId: `resp_${inputTokens}`,
  itemIds: [],
  model: 'gpt-realtime-2.1',
  usage: {
    inputTokens,
    outputTokens: 100,
    input: { text: inputTokens, audio: 0, image: 0 },
    cachedInput: { text: 0, audio: 0, image: 0 },
    output: { text: 0, audio: 100 }
  },
  responseCostUsd,
  transcriptionCostUsd: 0,
  costUsd: responseCostUsd,
  latency: null
})

describe('re-billing hint', () => {
  it('appears when the newest turn costs 3× the first, its context grew 3× and it is a cent dearer', () => {
    expect(rebillingHint([turn(0.005, 500), turn(0.009, 1000), turn(0.016, 1500)])).toEqual({
      firstUsd: 0.005,
      latestUsd: 0.016,
      factor: 3.2
    })
  })

  it('stays away below 3×, under a cent more, or when only the answer was longer', () => {
    expect(rebillingHint([turn(0.005, 500), turn(0.0149, 1500)])).toBeNull()
    expect(rebillingHint([turn(0.001, 500), turn(0.0105, 1500)])).toBeNull()
    expect(rebillingHint([turn(0.005, 500), turn(0.02, 600)])).toBeNull()
  })

  it('needs two priced turns', () => {
    expect(rebillingHint([])).toBeNull()
    expect(rebillingHint([turn(0.005, 500)])).toBeNull()
    expect(rebillingHint([turn(null, 500), turn(0.05, 5000)])).toBeNull()
  })
})
