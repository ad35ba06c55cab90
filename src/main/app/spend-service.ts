// Spending in main: every cost the core reports (the `turn_metrics` event, whichever engine sent
// it) goes into the spend ledger, the window gets today's and this month's totals, and the monthly
// budget decides whether a new response may start. Over budget, the session manager asks
// `admitResponse()` before each `response.create` (push-to-talk commit, typed message); the turn
// is sent without one and held until the user answers: "Continue this once" starts it, raising
// the budget in Settings releases it. Hands-free turns are held by turning the VAD's own responses
// off (auto-respond.ts); the server VAD's `speech_stopped` then marks the held turn. GPT-Live,
// billed by time with no response to withhold, is held by live-budget.ts: its open session's
// seconds count toward the month as they are reported, not only when an answer ends.
import type { SpendStatus } from '../../shared/spend-ipc'
import type { Settings } from '../../shared/settings'
import type { TurnMetrics } from '../../shared/turn-metrics'
import type { RealtimeLog } from '../realtime/event-bus'
import { budgetLevel, type BudgetLevel } from '../usage/budget'
import { LiveBudget, type LiveBudgetDeps } from './live-budget'
import { realTimer, type SetTimer } from './reconnect-policy'
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
  /** GPT-Live's open sessions, and how to connect and disconnect (absent: no GPT-Live). */
  live?: Pick<LiveBudgetDeps, 'engines' | 'connect' | 'disconnect'>
  setTimer?: SetTimer
}

/** What a turn cost as far as it is known: a part without a price counts nothing, never a guess. */
export const knownCostUsd = (metrics: TurnMetrics): number =>
  (metrics.responseCostUsd ?? 0) + (metrics.transcriptionCostUsd ?? 0)

export class SpendService {
  readonly #deps: SpendServiceDeps
  #budgetUsd: number | null = null
  #held = false
  readonly #ready: Promise<void>
  readonly #live: LiveBudget | null
  /** The level the window was last told: GPT-Live's seconds may cross it between turns. */
  #shownLevel: BudgetLevel = 'none'

  constructor(deps: SpendServiceDeps) {
    this.#deps = deps
    this.#live = deps.live
      ? new LiveBudget({
          ...deps.live,
          isOverBudget: () => this.#level() === 'over',
          changed: () => this.#broadcast(),
          setTimer: deps.setTimer ?? realTimer,
          log: deps.log
        })
      : null
    this.#ready = this.#load()
  }

  /** Resolves once the ledger and the budget are read (never rejects). */
  ready(): Promise<void> {
    return this.#ready
  }

  /** Resolves once every cost counted so far is on disk (quitting: the app exits after this). */
  flushed(): Promise<void> {
    return this.#deps.ledger.flushed()
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
      if (after === 'over' && before !== 'over') this.#crossedOver()
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
    // GPT-Live's key-up asks too, but its budget is the hold (live-budget.ts).
    if (this.#level() !== 'over' || this.#live?.isOpen === true) return true
    this.#deps.log('info', 'budget: monthly budget spent; the response waits for the user')
    this.#held = true
    this.#broadcast()
    return false
  }

  /** Whether a new session's VAD may start responses itself (false while over budget). */
  autoRespond(): boolean {
    return this.#level() !== 'over'
  }

  /**
   * GPT-Live reported more seconds: the month's spend grew without a turn ending. Reaching the
   * budget holds it at once (live-budget.ts); the window's totals follow.
   */
  liveCostChanged(): void {
    if (this.#level() === 'over' && this.#shownLevel !== 'over') this.#crossedOver()
    this.#broadcast()
  }

  /** Asked before a GPT-Live session connects: null lets it, a sentence refuses it. */
  liveConnectRefusal(): string | null {
    return this.#live?.connectRefusal() ?? null
  }

  /**
   * "Continue this once": the held response starts and the next turn asks again; on GPT-Live the
   * conversation goes on until it ends.
   */
  continueOnce(): SpendStatus {
    if (this.#live?.continueOnce() === true) {
      this.#broadcast()
      return this.#status()
    }
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
      this.#live?.budgetRaised()
      if (this.#held) {
        this.#held = false
        this.#deps.session().respondNow()
      }
      if (before === 'over') this.#deps.session().setAutoRespond(true)
    } else if (before !== 'over') this.#crossedOver()
    this.#broadcast()
  }

  /** A new conversation or session: nothing is held any more. */
  sessionEnded(): void {
    this.#live?.sessionEnded()
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
    this.#shownLevel = this.#level()
  }

  /** Hands-free Realtime answers stop starting by themselves; an open GPT-Live session is held. */
  #crossedOver(): void {
    this.#deps.session().setAutoRespond(false)
    this.#live?.crossedOver()
  }

  /** The ledger's totals plus the open GPT-Live session's seconds not yet charged to a turn. */
  #totals(): ReturnType<SpendLedger['totals']> {
    const totals = this.#deps.ledger.totals()
    const runningUsd = this.#live?.runningCostUsd() ?? 0
    if (runningUsd <= 0) return totals
    return {
      ...totals,
      todayUsd: totals.todayUsd + runningUsd,
      monthUsd: totals.monthUsd + runningUsd
    }
  }

  #level(): BudgetLevel {
    return budgetLevel(this.#totals().monthUsd, this.#budgetUsd)
  }

  #status(): SpendStatus {
    const totals = this.#totals()
    const liveHold = this.#live?.shown ?? null
    return {
      ...totals,
      budgetUsd: this.#budgetUsd,
      level: budgetLevel(totals.monthUsd, this.#budgetUsd),
      held: this.#held || (liveHold !== null && liveHold !== 'continued'),
      problem: this.#deps.ledger.problem,
      ...(liveHold ? { liveHold } : {})
    }
  }

  #broadcast(): void {
    const status = this.#status()
    this.#shownLevel = status.level
    this.#deps.broadcast(status)
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
