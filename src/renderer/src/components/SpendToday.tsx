import type { JSX } from 'react'
import { useSpend } from '../stores/spend'
import { costText } from '../stores/turn-metrics-model'

/** The status bar's "today": everything Hark spent since local midnight, across restarts. */
export function SpendToday(): JSX.Element | null {
  const status = useSpend((state) => state.status)
  if (!status) return null
  return (
    <span
      className="usage-summary"
      data-testid="spend-today"
      title={`Spent today (${status.day}, your time zone); ${costText(status.monthUsd)} this month`}
    >
      {' · today '}
      {costText(status.todayUsd)}
    </span>
  )
}
