import type { JSX } from 'react'
import { useTurnMetrics } from '../stores/turn-metrics'
import { costText, latencyBreakdown, latencyText } from '../stores/turn-metrics-model'

/**
 * Under an assistant turn: what it cost and how long the user waited for it ("you stopped →
 * you hear"), with the breakdown on hover or keyboard focus.
 */
export function TurnFigures({ itemId }: { itemId: string }): JSX.Element | null {
  const metrics = useTurnMetrics((state) => {
    const responseId = state.byItem[itemId]
    return responseId === undefined ? undefined : state.byResponse[responseId]
  })
  if (!metrics) return null
  // GPT-Live bills seconds, not tokens: its turns have a cost and no token usage.
  const cost =
    metrics.usage === null && metrics.costUsd === null
      ? 'tokens unknown'
      : costText(metrics.costUsd)
  const latency = metrics.latency
  return (
    <span className="turn-figures" data-testid="turn-figures">
      <span className="turn-figures__cost">{cost}</span>
      {latency?.totalMs != null && (
        <span
          className="turn-figures__latency"
          tabIndex={0}
          title={latencyBreakdown(latency)}
          aria-label={`${latencyText(latency.totalMs)} from the end of your turn to the first sound. ${latencyBreakdown(latency)}`}
        >
          {latencyText(latency.totalMs)}
        </span>
      )}
    </span>
  )
}
