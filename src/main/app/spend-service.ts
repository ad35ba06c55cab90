// Spending in main: every cost the core reports (the `turn_metrics` event, whichever engine sent
// it) goes into the spend ledger, the window gets today's and this month's totals, and the monthly
// budget decides whether a new response may start. Over budget, the session manager asks
// `admitResponse()` before each `response.create` (push-to-talk commit, typed message); the turn
// is sent without one and held until the user answers: "Continue this once" starts it, raising
// the budget in Settings releases it. Hands-free turns are held by turning the VAD's own responses
// off (auto-respond.ts); the server VAD's `speech_stopped` then marks the held turn.
import type { SpendStatus } from '../../shared/spend-ipc'
import type { Settings } from '../../shared/settings'
import type { TurnMetrics } from '../../shared/turn-metrics'
import type { RealtimeLog } from '../realtime/event-bus'
import { budgetLevel, type BudgetLevel } from '../usage/budget'
import type { SpendLedger } from '../usage/spend-ledger'
import type { SessionEvent } from './event-mapping'

/** What the budget needs of the session: start the held response, switch the VAD's own. */
export interface BudgetSession {
  respondNow(): void
  setAutoRespond(on: boolean): void
}

export interface SpendServiceDeps {
  ledger: SpendLedger
  readSettings: () => Promise<Settings>
  broadcast: (status: SpendStatus) => void
  session: () => BudgetSession
  log: RealtimeLog
}

/** What a turn cost as far as it is known: a part without a price counts nothing, never a guess. */
export const knownCostUsd = (metrics: TurnMetrics): number =>
  (metrics.responseCostUsd ?? 0) + (metrics.transcriptionCostUsd ?? 0)

export class SpendService {
  readonly #deps: SpendServiceDeps
  #budgetUsd: number | null = null
  #held = false
  readonly #ready: Promise<void>

  constructor(deps: SpendServiceDeps) {
    this.#deps = deps
    this.#ready = this.#load()
  }

  /** Resolves once the ledger and the budget are read (never rejects). */
  ready(): Promise<void> {
    return this.#ready
  }

  async status(): Promise<SpendStatus> {
    await this.#ready
    return this.#status()
  }

  /** Every session event: costs are counted, a hands-free turn over budget is held. */
  onEvent(event: SessionEvent, assistantId?: string): void {
    if (event.type === 'turn_metrics') {
      const before = this.#level()
      // Also counted for its assistant (issue 14): spend.json keeps each one's month.
      this.#deps.ledger.record(`response:${event.responseId}`, knownCostUsd(event), assistantId)
      const after = this.#level()
      if (after === 'over' && before !== 'over') this.#deps.session().setAutoRespond(false)
      this.#broadcast()
      return
    }
    // A closed session holds nothing: a turn it left unanswered is asked about again on replay.
    if (event.type === 'status' && event.status === 'disconnected') this.sessionEnded()
    if (event.type === 'speech_stopped' && this.#level() === 'over' && !this.#held) {
      this.#held = true
      this.#broadcast()
    }
  }

  /**
   * Asked before Hark sends `response.create` for a user turn. False: over budget, the turn is
   * sent without a response and waits for the user's answer.
   */
  admitResponse(): boolean {
    if (this.#level() !== 'over') return true
    this.#deps.log('info', 'budget: monthly budget spent; the response waits for the user')
    this.#held = true
    this.#broadcast()
    return false
  }

  /** Whether a new session's VAD may start responses itself (false while over budget). */
  autoRespond(): boolean {
    return this.#level() !== 'over'
  }

  /** "Continue this once": the held response starts; the next turn asks again. */
  continueOnce(): SpendStatus {
    if (this.#held) {
      this.#held = false
      this.#deps.log('info', 'budget: the user continued once over budget')
      this.#deps.session().respondNow()
    }
    this.#broadcast()
    return this.#status()
  }

  /** The budget setting may have changed: a raise above the spend releases the held turn. */
  async settingsChanged(): Promise<void> {
    await this.#ready
    const before = this.#level()
    this.#budgetUsd = (await this.#deps.readSettings()).monthlyBudgetUsd
    const after = this.#level()
    if (after !== 'over') {
      if (this.#held) {
        this.#held = false
        this.#deps.session().respondNow()
      }
      if (before === 'over') this.#deps.session().setAutoRespond(true)
    } else if (before !== 'over') this.#deps.session().setAutoRespond(false)
    this.#broadcast()
  }

  /** A new conversation or session: nothing is held any more. */
  sessionEnded(): void {
    if (!this.#held) return
    this.#held = false
    this.#broadcast()
  }

  async #load(): Promise<void> {
    await this.#deps.ledger.load()
    try {
      this.#budgetUsd = (await this.#deps.readSettings()).monthlyBudgetUsd
    } catch (error) {
      this.#deps.log('warn', 'budget: settings unreadable; no budget applied', {
        error: String(error)
      })
    }
  }

  #level(): BudgetLevel {
    return budgetLevel(this.#deps.ledger.totals().monthUsd, this.#budgetUsd)
  }

  #status(): SpendStatus {
    const totals = this.#deps.ledger.totals()
    return {
      ...totals,
      budgetUsd: this.#budgetUsd,
      level: budgetLevel(totals.monthUsd, this.#budgetUsd),
      held: this.#held,
      problem: this.#deps.ledger.problem
    }
  }

  #broadcast(): void {
    this.#deps.broadcast(this.#status())
  }
}

/** The `spend.*` invoke channels. */
export const spendHandlers = (
  spend: SpendService
): {
  'spend.status': () => Promise<SpendStatus>
  'spend.continueOnce': () => SpendStatus
} => ({
  'spend.status': () => spend.status(),
  'spend.continueOnce': () => spend.continueOnce()
})
