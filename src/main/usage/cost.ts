// What a response or a transcription cost, from its usage and the price table (prices.ts).
// null = "price unknown" (a model or server the table does not know): never a made-up figure.
import { realtimePrice, transcriptionPrice } from './prices'
import type { ResponseUsage, TranscriptionUsage } from './usage'

const PER_MILLION = 1_000_000
/**
 * Prices have at most two decimals (e.g. 0.06 per 1M): summed as whole hundredths, the total is
 * an exact integer and only the final division rounds, so a cost is the exact decimal figure.
 */
const HUNDREDTHS = 100
const hundredths = (usdPer1M: number): number => Math.round(usdPer1M * HUNDREDTHS)

export function responseCostUsd(model: string, usage: ResponseUsage): number | null {
  const price = realtimePrice(model)
  if (!price) return null
  const { input, cachedInput: cached, output } = usage
  // Cached tokens are a subset of the input tokens, billed at the cached rate instead.
  const total =
    (input.text - cached.text) * hundredths(price.text.input) +
    cached.text * hundredths(price.text.cachedInput) +
    (input.audio - cached.audio) * hundredths(price.audio.input) +
    cached.audio * hundredths(price.audio.cachedInput) +
    (input.image - cached.image) * hundredths(price.image.input) +
    cached.image * hundredths(price.image.cachedInput) +
    output.text * hundredths(price.text.output) +
    output.audio * hundredths(price.audio.output)
  return total / (PER_MILLION * HUNDREDTHS)
}

export function transcriptionCostUsd(model: string, usage: TranscriptionUsage): number | null {
  const price = transcriptionPrice(model)
  if (!price) return null
  if (price.per === 'minute')
    return usage.type === 'duration' ? (usage.seconds / 60) * price.usd : null
  return usage.type === 'tokens'
    ? (usage.inputTokens * price.inputUsdPer1M + usage.outputTokens * price.outputUsdPer1M) /
        PER_MILLION
    : null
}
