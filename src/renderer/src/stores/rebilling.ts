// When re-billed context makes turns dearer. Every response bills the whole conversation so far
// again as input (reference §1, "Usage in response.done": input_tokens covers the context, cached
// or not), so a long conversation makes each turn cost more than the first. Hark says so when the
// newest turn costs at least 3× the first one AND its input (the context) grew at least 3× too (a
// long answer alone is not re-billing), AND it is at least $0.01 dearer: 3× means most of what the
// turn costs is old context rather than the new exchange, and below a cent the advice is not worth
// the user's attention.
import type { TurnMetrics } from '../../../shared/turn-metrics'

export const REBILLING_FACTOR = 3
export const REBILLING_MIN_EXTRA_USD = 0.01

export interface RebillingHint {
  firstUsd: number
  latestUsd: number
  /** How many times the first turn's cost the newest turn cost. */
  factor: number
}

/** `turns` in conversation order; only turns with known tokens and price take part. */
export function rebillingHint(turns: readonly TurnMetrics[]): RebillingHint | null {
  const priced = turns.filter(
    (t): t is TurnMetrics & { responseCostUsd: number; usage: NonNullable<TurnMetrics['usage']> } =>
      t.responseCostUsd !== null && t.usage !== null
  )
  const first = priced[0]
  const latest = priced.at(-1)
  if (!first || !latest || first === latest || first.responseCostUsd <= 0) return null
  const factor = latest.responseCostUsd / first.responseCostUsd
  const contextGrew = latest.usage.inputTokens >= REBILLING_FACTOR * first.usage.inputTokens
  const extraUsd = latest.responseCostUsd - first.responseCostUsd
  if (factor < REBILLING_FACTOR || !contextGrew || extraUsd < REBILLING_MIN_EXTRA_USD) return null
  return { firstUsd: first.responseCostUsd, latestUsd: latest.responseCostUsd, factor }
}
