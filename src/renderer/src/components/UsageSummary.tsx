import type { JSX } from 'react'
import { useTurnMetrics } from '../stores/turn-metrics'
import { conversationFigures, costText, latencyText } from '../stores/turn-metrics-model'

/** The status bar's figures: this conversation's cost and its median wait for an answer. */
export function UsageSummary(): JSX.Element | null {
  // Select the stored object itself (stable between updates), and derive in render: a selector
  // returning a fresh object would re-render forever.
  const byResponse = useTurnMetrics((state) => state.byResponse)
  if (Object.keys(byResponse).length === 0) return null
  const figures = conversationFigures(byResponse)
  return (
    <span className="usage-summary" data-testid="usage-summary">
      <span title="This conversation's cost so far">
        {costText(figures.totalUsd)}
        {figures.someUnknown ? ' + price unknown' : ''}
      </span>
      {figures.medianLatencyMs !== null && (
        <span title="Median time from the end of your turn to the first sound">
          {' · median '}
          {latencyText(figures.medianLatencyMs)}
        </span>
      )}
    </span>
  )
}
