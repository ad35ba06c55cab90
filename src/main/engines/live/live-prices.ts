// GPT-Live prices as data, kept apart so that issue 9's price tables (src/main/usage/) can take
// them over as they are. GPT-Live bills per second of session, not per token: USD 0.05 per active
// minute, 0.02 per standby minute (reference §2, the model page at filing). `session.usage.updated`
// reports one cumulative `seconds` figure without splitting active from standby, so Hark charges
// every reported second at the active rate: an upper bound, never an underestimate.

export interface LivePrice {
  activeUsdPerMinute: number
  standbyUsdPerMinute: number
}

export const LIVE_PRICES: Readonly<Record<string, LivePrice>> = {
  'gpt-live-1': { activeUsdPerMinute: 0.05, standbyUsdPerMinute: 0.02 },
  'gpt-live-1.1': { activeUsdPerMinute: 0.05, standbyUsdPerMinute: 0.02 }
}

/** Cost of `seconds` of Live audio for `model`, or null when its price is not known. */
export function liveCostUsd(model: string, seconds: number): number | null {
  const price = LIVE_PRICES[model]
  if (!price) return null
  return (Math.max(0, seconds) / 60) * price.activeUsdPerMinute
}
