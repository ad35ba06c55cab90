import type { JSX } from 'react'
import { rebillingHint } from '../stores/rebilling'
import { useTurnMetrics } from '../stores/turn-metrics'
import { costText } from '../stores/turn-metrics-model'

/** Says when the re-billed conversation makes each turn noticeably dearer, and what helps. */
export function RebillingHint(): JSX.Element | null {
  // The stored object itself (stable between updates); derived in render.
  const byResponse = useTurnMetrics((state) => state.byResponse)
  const hint = rebillingHint(Object.values(byResponse))
  if (!hint) return null
  return (
    <p className="banner" role="status" data-testid="rebilling-hint">
      The last answer cost {costText(hint.latestUsd)}, {Math.floor(hint.factor)}× the first one (
      {costText(hint.firstUsd)}): every answer bills the whole conversation again. Start a{' '}
      <strong>New conversation</strong> when the topic changes, keep the instructions in Settings
      short, or choose the cheaper gpt-realtime-2.1-mini.
    </p>
  )
}
