// The monthly budget on GPT-Live. GPT-Live has no `response.create` to withhold and bills every
// second a session is open, muted or not ("Muting sends silence and keeps billing", reference §2),
// so the Realtime engine's hold (spend-service.ts) cannot stop it. Instead:
// - the moment the month's spend (the open session's seconds included) reaches the budget, Hark
//   mutes GPT-Live (`session.input_audio.mute`), silences its answer and asks: "Continue this
//   once" lets this conversation go on until it ends (a disconnect or a new conversation);
//   raising the budget lets it go on too;
// - a muted session is still billed, so one left unanswered for LIVE_HOLD_LIMIT_MS is ended, the
//   conversation kept; "Continue this once" then connects a new session that carries it;
// - a Connect over budget asks first: nothing is opened until the user continues or raises it.
import type { RealtimeLog } from '../realtime/event-bus'
import type { SetTimer } from './reconnect-policy'

/** What the budget is waiting for on GPT-Live: a muted session, or a Connect it refused. */
export type LiveHold = 'muted' | 'not_connected'

/** How long a muted session over budget stays open, billed, before Hark ends it. */
export const LIVE_HOLD_LIMIT_MS = 60_000

export const LIVE_CONNECT_REFUSAL =
  'Your monthly budget is spent, and GPT-Live bills every second it is connected, so Hark asks before it connects: Continue this once, or raise the budget.'

/** The open GPT-Live engines, as engine-choice.ts keeps them. */
export interface LiveEngines {
  /** What their seconds cost beyond the turn figures already counted. */
  runningCostUsd(): number
  /** Whether a GPT-Live session is open (connected, connecting or renewing). */
  isOpen(): boolean
  /** Mute GPT-Live and silence its answer, or let it hear and speak again. */
  setBudgetHold(held: boolean): void
}

export interface LiveBudgetDeps {
  engines: LiveEngines
  isOverBudget: () => boolean
  /** Open a session (the conversation so far goes with it). */
  connect: () => Promise<void>
  /** End the session; the conversation is kept. */
  disconnect: () => Promise<void>
  /** The hold changed: the window is told. */
  changed: () => void
  setTimer: SetTimer
  log: RealtimeLog
}

export class LiveBudget {
  readonly #deps: LiveBudgetDeps
  #hold: LiveHold | null = null
  /** "Continue this once" on GPT-Live: until this conversation ends. */
  #continued = false
  #cancelLimit: (() => void) | null = null

  constructor(deps: LiveBudgetDeps) {
    this.#deps = deps
  }

  get hold(): LiveHold | null {
    return this.#hold
  }

  /** What the window shows: the hold, or that the user let this conversation go on. */
  get shown(): LiveHold | 'continued' | null {
    return this.#hold ?? (this.#continued ? 'continued' : null)
  }

  /** A GPT-Live session is open: its budget is the hold, never a withheld response. */
  get isOpen(): boolean {
    return this.#deps.engines.isOpen()
  }

  runningCostUsd(): number {
    return this.#deps.engines.runningCostUsd()
  }

  /** The spend reached the budget (or the budget was lowered under it). */
  crossedOver(): void {
    if (this.#continued || this.#hold !== null || !this.#deps.engines.isOpen()) return
    this.#deps.log('info', 'budget: monthly budget spent; GPT-Live is muted until the user answers')
    this.#hold = 'muted'
    this.#deps.engines.setBudgetHold(true)
    this.#cancelLimit = this.#deps.setTimer(() => this.#limitReached(), LIVE_HOLD_LIMIT_MS)
  }

  /** Asked before a GPT-Live session connects: null lets it, a sentence refuses it. */
  connectRefusal(): string | null {
    if (this.#continued || !this.#deps.isOverBudget()) return null
    // A rollover's session while the open one is muted: the muted hold still stands.
    if (this.#hold === 'muted') return LIVE_CONNECT_REFUSAL
    this.#deps.log('info', 'budget: monthly budget spent; GPT-Live waits for the user to connect')
    this.#hold = 'not_connected'
    this.#deps.changed()
    return LIVE_CONNECT_REFUSAL
  }

  /** "Continue this once": false when GPT-Live holds nothing. */
  continueOnce(): boolean {
    if (this.#hold === null) return false
    this.#deps.log('info', 'budget: the user continued GPT-Live once over budget')
    this.#continued = true
    this.#release()
    return true
  }

  /** The budget was raised above the spend: whatever waits goes on. */
  budgetRaised(): void {
    if (this.#hold !== null) this.#release()
  }

  /** The session ended: a continue ends with it; a refused Connect still waits. */
  sessionEnded(): void {
    this.#continued = false
    if (this.#hold === 'muted') this.#unmute()
  }

  #release(): void {
    const hold = this.#hold
    if (hold === 'muted') return this.#unmute()
    this.#hold = null
    this.#deps.engines.setBudgetHold(false)
    this.#deps.connect().catch(() => undefined)
  }

  /** The muted hold ends: the next session (or this one) hears the user again. */
  #unmute(): void {
    this.#hold = null
    this.#cancelLimit?.()
    this.#cancelLimit = null
    this.#deps.engines.setBudgetHold(false)
  }

  #limitReached(): void {
    this.#cancelLimit = null
    if (this.#hold !== 'muted') return
    this.#deps.log('info', 'budget: GPT-Live stayed muted over budget; the session is ended')
    this.#hold = 'not_connected'
    this.#deps.changed()
    // Unmuted only once it is closed: a session still open must not hear the user meanwhile.
    void this.#deps
      .disconnect()
      .catch(() => undefined)
      .then(() => this.#deps.engines.setBudgetHold(false))
  }
}
