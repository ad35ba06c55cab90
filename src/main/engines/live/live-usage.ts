// GPT-Live's billed time across the sessions of one conversation. `session.usage.updated` and
// `session.closed` report each session's seconds cumulatively ("Do not sum this value across
// usage events", SessionUsage): within a session the newest figure replaces the last; a renewed
// session starts from zero, so ended sessions are added once.
import type { RealtimeLog } from '../../realtime/event-bus'
import { liveCostUsd } from './live-prices'

export interface LiveUsage {
  model: string
  /** Billed seconds over every session of this conversation. */
  seconds: number
  /** null when the model's price is unknown. */
  costUsd: number | null
}

export class LiveUsageMeter {
  readonly #model: string
  readonly #log: RealtimeLog
  readonly #listeners = new Set<(usage: LiveUsage) => void>()
  #endedSessionsSeconds = 0
  #sessionSeconds = 0

  constructor(model: string, log: RealtimeLog) {
    this.#model = model
    this.#log = log
  }

  get usage(): LiveUsage {
    const seconds = this.#endedSessionsSeconds + this.#sessionSeconds
    return { model: this.#model, seconds, costUsd: liveCostUsd(this.#model, seconds) }
  }

  subscribe(listener: (usage: LiveUsage) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** A cumulative figure for the current session. */
  report(sessionSeconds: number): void {
    this.#sessionSeconds = Math.max(this.#sessionSeconds, sessionSeconds)
    const usage = this.usage
    for (const listener of this.#listeners) {
      try {
        listener(usage)
      } catch (error) {
        this.#log('error', 'A GPT-Live usage listener threw', { error: String(error) })
      }
    }
  }

  /** The session ended (its final figure, when the server sent one); the next starts at zero. */
  endSession(finalSeconds: number | null): void {
    if (finalSeconds !== null) this.report(finalSeconds)
    this.#endedSessionsSeconds += this.#sessionSeconds
    this.#sessionSeconds = 0
  }
}
