// GPT-Live's cost shown the way the Realtime engine's is (turn_metrics): the conversation's billed
// seconds are cumulative (live-usage.ts, "never sum"), so each finished assistant turn is charged
// what the total grew by since the previous figure, and whatever accrued after the last turn
// (listening, silence) is charged once when the session or the engine stops. The figures of one
// conversation therefore add up to exactly its cumulative cost, and each figure is sent once, so
// a status bar total (or a day's total) that adds them counts every second once.
import type { TurnMetrics } from '../../../shared/turn-metrics'
import type { LiveUsage } from './live-usage'

export class LiveTurnCost {
  readonly #newId: () => string
  #chargedUsd = 0

  constructor(newId: () => string) {
    this.#newId = newId
  }

  /** An assistant turn finished: its share of the cost so far. */
  turnEnded(itemId: string, usage: LiveUsage): TurnMetrics {
    return this.#metrics(itemId, [itemId], usage)
  }

  /** What the seconds so far cost beyond every figure sent (0 when the price is unknown). */
  unchargedUsd(usage: LiveUsage): number {
    return usage.costUsd === null ? 0 : Math.max(0, usage.costUsd - this.#chargedUsd)
  }

  /** Time not yet charged to a turn; null when there is none. Not shown on any turn. */
  remainder(usage: LiveUsage): TurnMetrics | null {
    // An unknown price was already said on every turn ("price unknown").
    if (usage.costUsd === null || usage.costUsd <= this.#chargedUsd) return null
    return this.#metrics(this.#newId(), [], usage)
  }

  #metrics(responseId: string, itemIds: string[], usage: LiveUsage): TurnMetrics {
    let costUsd: number | null = null
    if (usage.costUsd !== null) {
      costUsd = Math.max(0, usage.costUsd - this.#chargedUsd)
      this.#chargedUsd = Math.max(this.#chargedUsd, usage.costUsd)
    }
    return {
      responseId,
      itemIds,
      model: usage.model,
      // GPT-Live bills seconds, not tokens (reference §2).
      usage: null,
      responseCostUsd: costUsd,
      transcriptionCostUsd: costUsd === null ? null : 0,
      costUsd,
      // No turn events: when the user stopped is the server's secret (bench/engines.ts measures it).
      latency: null
    }
  }
}
