// What GPT-Live is told about the microphone (reference §2: the client mutes or unmutes its input
// with `session.input_audio.mute` / `unmute`; there is no commit). Two reasons to be muted:
// - the user muted the microphone (tray, window, hands-free Mute button): nothing is sent until
//   they unmute;
// - a push-to-talk press ended (key up): the server is told at once; the next press streams
//   again, and its first chunk unmutes before it is sent;
// - the monthly budget is spent (app/live-budget.ts): held until the user continues or raises it.
import type { ClientEvent } from 'openai/resources/live/live'

type Send = (event: ClientEvent) => void

export class LiveMicGate {
  #userMuted: boolean
  #budgetHeld = false
  /** What the server was last told (a new session is told by applyTo). */
  #serverMuted: boolean

  constructor(userMuted = false) {
    this.#userMuted = userMuted
    this.#serverMuted = userMuted
  }

  /** The server's view: true after a mute, until audio or an unmute follows. */
  get serverMuted(): boolean {
    return this.#serverMuted
  }

  get userMuted(): boolean {
    return this.#userMuted
  }

  get budgetHeld(): boolean {
    return this.#budgetHeld
  }

  setUserMuted(muted: boolean, send: Send): void {
    this.#userMuted = muted
    this.#tell(muted || this.#budgetHeld, send)
  }

  /** The budget holds the conversation: muted until released, whatever the user's own mute. */
  setBudgetHeld(held: boolean, send: Send): void {
    this.#budgetHeld = held
    this.#tell(held || this.#userMuted, send)
  }

  /** Push-to-talk key up (or a press too short to hold speech). */
  endTurn(send: Send): void {
    this.#tell(true, send)
  }

  /** A microphone chunk is about to go out: false drops it (the user muted, or the budget). */
  admitAudio(send: Send): boolean {
    if (this.#userMuted || this.#budgetHeld) return false
    this.#tell(false, send)
    return true
  }

  /** A new session starts unmuted: carry a mute over into it. */
  applyTo(send: Send): void {
    if (this.#serverMuted) send({ type: 'session.input_audio.mute' })
  }

  #tell(muted: boolean, send: Send): void {
    if (this.#serverMuted === muted) return
    this.#serverMuted = muted
    send({ type: muted ? 'session.input_audio.mute' : 'session.input_audio.unmute' })
  }
}
