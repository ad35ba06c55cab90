// One pending `start()`. The SDK's connect() resolves when the socket opens, before the server
// has said anything (reference §1), and a server that refuses the key accepts the socket, sends
// an `error` event and closes with 3000 (reference §7): connect() has resolved by then. So start()
// also waits until the server's first event, and fails if the socket closes before it.
import type { ClassifiedError } from './error-classifier'

export class StartCancelledError extends Error {
  constructor() {
    super('The session was closed before it finished connecting.')
    this.name = 'StartCancelledError'
  }
}

export class ClosedBeforeReadyError extends Error {
  constructor() {
    super('The Realtime server closed the connection before the session was ready.')
    this.name = 'ClosedBeforeReadyError'
  }
}

export class StartAttempt {
  cancelled = false
  /** The first server `error` event seen before the session was ready (e.g. invalid_api_key). */
  serverError: ClassifiedError | undefined
  /** Server errors that did not stop the start; reported once the session is connected. */
  readonly deferredErrors: ClassifiedError[] = []
  readonly #ready: Promise<void>
  #resolve: () => void = () => undefined
  #reject: (reason: Error) => void = () => undefined
  #settled = false
  readonly #cancellation: Promise<never>
  #rejectCancellation: (reason: Error) => void = () => undefined

  constructor() {
    this.#ready = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve
      this.#reject = reject
    })
    this.#cancellation = new Promise<never>((_resolve, reject) => {
      this.#rejectCancellation = reject
    })
    // Either can reject before anyone awaits it (a refused connect, a stop during the key
    // lookup): never let that rejection go unhandled. The awaiting code still sees it.
    this.#ready.catch(() => undefined)
    this.#cancellation.catch(() => undefined)
  }

  /** `step`, or a StartCancelledError as soon as stop() cancels this start. */
  async untilCancelled<T>(step: Promise<T>): Promise<T> {
    // If cancellation wins, `step` may still reject later (connect() does): that is expected.
    step.catch(() => undefined)
    return Promise.race([step, this.#cancellation])
  }

  markReady(): void {
    if (this.#settled) return
    this.#settled = true
    this.#resolve()
  }

  markClosed(): void {
    if (this.#settled) return
    this.#settled = true
    this.#reject(new ClosedBeforeReadyError())
  }

  cancel(): void {
    this.cancelled = true
    this.#rejectCancellation(new StartCancelledError())
    if (this.#settled) return
    this.#settled = true
    this.#reject(new StartCancelledError())
  }

  /**
   * Resolves on the server's first event; after `timeoutMs` without one it resolves too: the
   * socket is open and a minimal OpenAI-compatible server need not send `session.created`.
   */
  async waitUntilReady(timeoutMs: number): Promise<'ready' | 'timeout'> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs)
    })
    try {
      return await Promise.race([this.#ready.then(() => 'ready' as const), timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}
