import { describe, expect, it } from 'vitest'
import type { TurnMetrics } from '../../../shared/turn-metrics'
import {
  applyTurnMetrics,
  conversationFigures,
  costText,
  emptyTurnMetrics,
  latencyBreakdown
} from './turn-metrics-model'

const turn = (responseId: string, costUsd: number | null, totalMs: number | null): TurnMetrics => ({
  responseId,
  itemIds: [`${responseId}_preamble`, `${responseId}_answer`],
  model: 'gpt-realtime-2.1',
  usage: null,
  responseCostUsd: costUsd,
  transcriptionCostUsd: 0,
  costUsd,
  latency: {
    startedBy: 'key_up',
    commitMs: 0,
    createdMs: 100,
    firstAudioMs: 200,
    heardMs: totalMs === null ? null : totalMs - 300,
    totalMs
  }
})

describe('turn figures', () => {
  it('shows a response’s figures on its last item, the newest event winning', () => {
    let state = applyTurnMetrics(emptyTurnMetrics(), turn('r1', 0.002, null))
    state = applyTurnMetrics(state, turn('r1', 0.002, 412))
    expect(state.byItem).toEqual({ r1_answer: 'r1' })
    expect(state.byResponse['r1']?.latency?.totalMs).toBe(412)
  })

  it('the conversation total and the median wait', () => {
    let state = emptyTurnMetrics()
    for (const [id, cost, ms] of [
      ['a', 0.001, 400],
      ['b', 0.002, 300],
      ['c', null, 500],
      ['d', 0.004, 350]
    ] as const)
      state = applyTurnMetrics(state, turn(id, cost, ms))
    const figures = conversationFigures(state.byResponse)
    expect(figures.totalUsd).toBeCloseTo(0.007, 12)
    expect(figures.someUnknown).toBe(true)
    expect(figures.medianLatencyMs).toBe(375)
  })

  it('formats costs without rounding a cheap turn to nothing, and says when unknown', () => {
    expect(costText(0.0031)).toBe('$0.0031')
    expect(costText(2.5)).toBe('$2.50')
    expect(costText(null)).toBe('price unknown')
    expect(latencyBreakdown(turn('x', 0, 412).latency!)).toContain('total: 412 ms')
  })
})
