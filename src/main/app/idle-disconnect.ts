// Closes a session nobody has used for a while (Settings → "Disconnect when idle", 10 minutes by
// default, or never). An open Realtime session costs nothing while silent, but it holds a socket
// and, in hands-free mode, the microphone; with connect on demand (talk-relay.ts) the next press
// reconnects, and the session manager replays the conversation into the new session. Quiet: the
// window shows why it is disconnected, not an error.
import type { SetTimer } from './reconnect-policy'

export const IDLE_DISCONNECT_REASON =
  'Disconnected while idle. Press talk or send a message to reconnect.'

export interface IdleDisconnectDeps {
  setTimer: SetTimer
  now: () => number
  /** The setting now, in minutes; null = never. */
  readIdleMinutes: () => Promise<number | null>
  /** Whether anything is under way that must not be cut (a turn, an answer). */
  isBusy: () => boolean
  disconnect: () => Promise<void>
}

export class IdleDisconnect {
  readonly #deps: IdleDisconnectDeps
  #lastActivityMs = 0
  #cancel: (() => void) | undefined
  #connected = false

  constructor(deps: IdleDisconnectDeps) {
    this.#deps = deps
  }

  /** Anything the user or the session did: the idle time starts again. */
  touch(): void {
    this.#lastActivityMs = this.#deps.now()
  }

  /** The session is up: the idle clock runs. */
  connected(): void {
    this.#connected = true
    this.touch()
    void this.#arm()
  }

  /** The session ended: nothing to close. */
  disconnected(): void {
    this.#connected = false
    this.#cancel?.()
    this.#cancel = undefined
  }

  async #arm(): Promise<void> {
    this.#cancel?.()
    this.#cancel = undefined
    const minutes = await this.#deps.readIdleMinutes().catch(() => null)
    if (!this.#connected || minutes === null) return
    const idleMs = minutes * 60_000
    const remainingMs = this.#lastActivityMs + idleMs - this.#deps.now()
    if (remainingMs > 0) {
      this.#cancel = this.#deps.setTimer(() => void this.#arm(), remainingMs)
      return
    }
    if (this.#deps.isBusy()) {
      // Checked again a minute later; an answer in progress keeps touching meanwhile.
      this.touch()
      this.#cancel = this.#deps.setTimer(() => void this.#arm(), 60_000)
      return
    }
    this.#connected = false
    await this.#deps.disconnect()
  }
}
