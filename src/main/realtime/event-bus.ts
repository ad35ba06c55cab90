// The core's one typed event stream out (RealtimeCoreEvent). Listener failures stay here: many
// events are emitted from inside the SDK's socket handlers, where a throw would surface as a
// bogus protocol error or an uncaught exception.
import type { RealtimeCoreEvent } from '../../shared/realtime-events'
import type { RealtimeCoreListener } from './controller-api'

export type RealtimeLogLevel = 'debug' | 'info' | 'warn' | 'error'
export type RealtimeLog = (
  level: RealtimeLogLevel,
  message: string,
  data?: Record<string, unknown>
) => void

export class CoreEventBus {
  readonly #listeners = new Set<RealtimeCoreListener>()
  readonly #log: RealtimeLog

  constructor(log: RealtimeLog) {
    this.#log = log
  }

  subscribe(listener: RealtimeCoreListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  emit(event: RealtimeCoreEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch (error) {
        this.#log('error', 'A Realtime event listener threw', {
          type: event.type,
          error: String(error)
        })
      }
    }
  }
}
