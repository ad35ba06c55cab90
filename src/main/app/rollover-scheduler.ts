// Finds the moment for a planned rollover (rollover-policy.ts): once the window before the
// session's time limit opens, it waits until no response is running or playing, the user is not
// talking and nothing happened for a short while, then asks the session manager to roll over.
import type { RealtimeLog } from '../realtime/event-bus'
import type { SessionEvent } from './event-mapping'
import type { SetTimer } from './reconnect-policy'
import { quietCheckMs, quietNeededMs, rolloverDueMs } from './rollover-policy'

export interface RolloverSchedulerDeps {
  setTimer: SetTimer
  now: () => number
  /** A response is running, or a typed message is not confirmed yet. */
  isBusy: () => boolean
  /**
   * Do the rollover. `isStillQuiet` says whether nothing happened since it was called (checked
   * again just before the new session takes over).
   */
  rollOver: (isStillQuiet: () => boolean) => Promise<void>
  log: RealtimeLog
}

/** After a failed attempt (the new session would not connect), try again this much later. */
const RETRY_AFTER_FAILURE_FACTOR = 10

export class RolloverScheduler {
  readonly #deps: RolloverSchedulerDeps
  #cancelTimer: (() => void) | undefined
  #lifetimeMs: number | undefined
  #running = false
  #talking = false
  #lastActivityMs = Number.NEGATIVE_INFINITY

  constructor(deps: RolloverSchedulerDeps) {
    this.#deps = deps
  }

  /** A new session is live: the window opens `rolloverDueMs` from now. */
  schedule(lifetimeMs: number | undefined): void {
    this.cancel()
    this.#lifetimeMs = lifetimeMs
    this.#arm(rolloverDueMs(lifetimeMs))
  }

  /** The attempt gave up (the conversation went on, or the new session failed): look again. */
  retry(afterFailure = false): void {
    const checkMs = quietCheckMs(this.#lifetimeMs)
    this.#arm(afterFailure ? checkMs * RETRY_AFTER_FAILURE_FACTOR : checkMs)
  }

  cancel(): void {
    this.#cancelTimer?.()
    this.#cancelTimer = undefined
  }

  noteActivity(): void {
    this.#lastActivityMs = this.#deps.now()
  }

  /** Push-to-talk held, or the server's VAD hears speech. */
  noteTalking(talking: boolean): void {
    this.#talking = talking
    this.noteActivity()
  }

  noteEvent(event: Exclude<SessionEvent, { type: 'status' }>): void {
    switch (event.type) {
      case 'speech_started':
        return this.noteTalking(true)
      case 'speech_stopped':
        return this.noteTalking(false)
      case 'audio':
      case 'transcript_delta':
      case 'response_started':
      case 'response_done':
      case 'tool_call':
        return this.noteActivity()
      default:
        return
    }
  }

  #arm(delayMs: number): void {
    this.cancel()
    this.#cancelTimer = this.#deps.setTimer(() => {
      this.#cancelTimer = undefined
      this.#check()
    }, delayMs)
  }

  #quiet(): boolean {
    return (
      !this.#talking &&
      !this.#deps.isBusy() &&
      this.#deps.now() - this.#lastActivityMs >= quietNeededMs(this.#lifetimeMs)
    )
  }

  #check(): void {
    if (this.#running) return
    if (!this.#quiet()) {
      this.retry()
      return
    }
    this.#running = true
    const beganMs = this.#deps.now()
    const isStillQuiet = (): boolean =>
      !this.#talking && !this.#deps.isBusy() && this.#lastActivityMs < beganMs
    this.#deps
      .rollOver(isStillQuiet)
      .catch((error: unknown) =>
        this.#deps.log('warn', 'session: rollover failed', { error: String(error) })
      )
      .finally(() => {
        this.#running = false
      })
  }
}
