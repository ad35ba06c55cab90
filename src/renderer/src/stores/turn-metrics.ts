import { create } from 'zustand'
import type { TurnMetrics } from '../../../shared/turn-metrics'
import { applyTurnMetrics, emptyTurnMetrics } from './turn-metrics-model'
import type { TurnMetricsState } from './turn-metrics-model'

interface TurnMetricsActions {
  received(metrics: TurnMetrics): void
  /** New conversation: its total, median and re-billing hint start again. */
  cleared(): void
}

export const useTurnMetrics = create<TurnMetricsState & TurnMetricsActions>()((set) => ({
  ...emptyTurnMetrics(),
  received: (metrics) => set((state) => applyTurnMetrics(state, metrics)),
  cleared: () => set(emptyTurnMetrics())
}))
