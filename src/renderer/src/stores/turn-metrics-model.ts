// Pure functions over the turns' cost and latency (the `turn.metrics` events): what each turn
// shows, and the conversation's total and median for the status bar.
import type { TurnLatency, TurnMetrics } from '../../../shared/turn-metrics'

export interface TurnMetricsState {
  /** The newest metrics of each response (a later event for a response supersedes earlier). */
  byResponse: Record<string, TurnMetrics>
  /** The item each response's figures are shown on: its last message item (the answer). */
  byItem: Record<string, string>
}

export const emptyTurnMetrics = (): TurnMetricsState => ({ byResponse: {}, byItem: {} })

export function applyTurnMetrics(state: TurnMetricsState, metrics: TurnMetrics): TurnMetricsState {
  const byItem = { ...state.byItem }
  const shownOn = metrics.itemIds.at(-1)
  if (shownOn !== undefined) byItem[shownOn] = metrics.responseId
  return { byResponse: { ...state.byResponse, [metrics.responseId]: metrics }, byItem }
}

/** `$0.0031`; small sums keep four decimals so a cheap turn is not shown as free. */
export function costText(usd: number | null): string {
  if (usd === null) return 'price unknown'
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`
}

export function latencyText(ms: number | null): string {
  return ms === null ? '–' : `${Math.round(ms)} ms`
}

const STARTED_BY: Record<TurnLatency['startedBy'], string> = {
  key_up: 'key up',
  speech_stopped: 'you stopped speaking',
  text: 'message sent'
}

/** The breakdown, one step per line, for the turn's tooltip. */
export function latencyBreakdown(latency: TurnLatency): string {
  return [
    `${STARTED_BY[latency.startedBy]} → commit sent: ${latencyText(latency.commitMs)}`,
    `commit → response started: ${latencyText(latency.createdMs)}`,
    `response started → first audio: ${latencyText(latency.firstAudioMs)}`,
    `first audio → first sound heard: ${latencyText(latency.heardMs)}`,
    `total: ${latencyText(latency.totalMs)}`
  ].join('\n')
}

export interface ConversationFigures {
  /** Sum of the known costs. */
  totalUsd: number
  /** Some turn's cost is unknown: the total is a lower bound. */
  someUnknown: boolean
  /** Median "you stopped → you hear" over the turns that have one; null when none. */
  medianLatencyMs: number | null
}

export function conversationFigures(
  byResponse: TurnMetricsState['byResponse']
): ConversationFigures {
  const all = Object.values(byResponse)
  const latencies = all
    .map((m) => m.latency?.totalMs ?? null)
    .filter((ms): ms is number => ms !== null)
    .sort((a, b) => a - b)
  return {
    totalUsd: all.reduce((sum, m) => sum + (m.costUsd ?? 0), 0),
    someUnknown: all.some((m) => m.costUsd === null),
    medianLatencyMs: median(latencies)
  }
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null
  const middle = Math.floor(sorted.length / 2)
  const upper = sorted[middle] ?? 0
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2
}
