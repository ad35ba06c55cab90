// Liveness of the Realtime socket. A dead network path (a sleeping laptop, a changed Wi-Fi, a
// NAT that forgot the connection) sends no FIN: without a probe the socket looks open until the
// OS gives up minutes later, and everything said meanwhile is lost. So: a WebSocket ping every
// `intervalMs`; no pong within `timeoutMs` and the socket is terminated, which the transport
// reports as a drop (close 1006) and the session manager reconnects. RFC 6455 §5.5.2/§5.5.3: a
// peer answers every ping with a pong; OpenAI's endpoint does (any compliant server must).
// Timers are injected so that tests move the clock by hand.
import type WebSocket from 'ws'

export interface HeartbeatTimers {
  set: (callback: () => void, ms: number) => unknown
  clear: (handle: unknown) => void
}

export interface HeartbeatOptions {
  intervalMs?: number
  timeoutMs?: number
  timers?: HeartbeatTimers
  /** Called once when the socket is declared dead, just before it is terminated. */
  onDead?: (silentMs: number) => void
}

export const HEARTBEAT_INTERVAL_MS = 15_000
export const HEARTBEAT_TIMEOUT_MS = 10_000

const realTimers: HeartbeatTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

/** The part of a `ws` socket the heartbeat uses. */
export type HeartbeatSocket = Pick<WebSocket, 'ping' | 'terminate' | 'readyState' | 'on' | 'off'>

export class Heartbeat {
  readonly #intervalMs: number
  readonly #timeoutMs: number
  readonly #timers: HeartbeatTimers
  readonly #onDead: (silentMs: number) => void
  #socket: HeartbeatSocket | undefined
  #interval: unknown
  #deadline: unknown
  readonly #onPong = (): void => this.#pongReceived()

  constructor(options: HeartbeatOptions = {}) {
    this.#intervalMs = options.intervalMs ?? HEARTBEAT_INTERVAL_MS
    this.#timeoutMs = options.timeoutMs ?? HEARTBEAT_TIMEOUT_MS
    this.#timers = options.timers ?? realTimers
    this.#onDead = options.onDead ?? (() => undefined)
  }

  /** Watch an open socket (replaces any earlier one). */
  watch(socket: HeartbeatSocket): void {
    this.stop()
    this.#socket = socket
    socket.on('pong', this.#onPong)
    this.#scheduleNext()
  }

  /** Probe now (resume from sleep, a network change): a dead path is found within `timeoutMs`. */
  checkNow(): void {
    if (!this.#socket || this.#deadline !== undefined) return
    this.#timers.clear(this.#interval)
    this.#interval = undefined
    this.#probe()
  }

  /** The socket closed: stop watching it (not a later one). */
  release(socket: HeartbeatSocket): void {
    if (this.#socket === socket) this.stop()
  }

  stop(): void {
    this.#timers.clear(this.#interval)
    this.#timers.clear(this.#deadline)
    this.#interval = undefined
    this.#deadline = undefined
    this.#socket?.off('pong', this.#onPong)
    this.#socket = undefined
  }

  #scheduleNext(): void {
    this.#interval = this.#timers.set(() => {
      this.#interval = undefined
      this.#probe()
    }, this.#intervalMs)
  }

  #probe(): void {
    const socket = this.#socket
    // 1 = OPEN; a closing socket is on its way out anyway.
    if (!socket || socket.readyState !== 1) return
    try {
      socket.ping()
    } catch {
      // ping() throws only when the socket is not open: the close event follows.
      return
    }
    this.#deadline = this.#timers.set(() => this.#declareDead(socket), this.#timeoutMs)
  }

  #pongReceived(): void {
    if (this.#deadline === undefined) return
    this.#timers.clear(this.#deadline)
    this.#deadline = undefined
    this.#scheduleNext()
  }

  #declareDead(socket: HeartbeatSocket): void {
    this.#deadline = undefined
    if (this.#socket !== socket) return
    this.stop()
    this.#onDead(this.#timeoutMs)
    socket.terminate()
  }
}
