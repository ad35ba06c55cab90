// Records a controller's core events for tests and waits for them by type, polling briefly
// rather than sleeping for fixed times.
import type { RealtimeControllerApi } from '../../src/main/realtime/controller-api'
import type { RealtimeCoreEvent } from '../../src/shared/realtime-events'

export type EventOf<T extends RealtimeCoreEvent['type']> = Extract<RealtimeCoreEvent, { type: T }>

export interface CoreEventRecorder {
  events: RealtimeCoreEvent[]
  ofType: <T extends RealtimeCoreEvent['type']>(type: T) => EventOf<T>[]
  /** Resolves with the `count`-th event of `type`; rejects after `timeoutMs`. */
  until: <T extends RealtimeCoreEvent['type']>(type: T, count?: number) => Promise<EventOf<T>>
}

export function recordCoreEvents(
  controller: Pick<RealtimeControllerApi, 'subscribe'>,
  timeoutMs = 5000
): CoreEventRecorder {
  const events: RealtimeCoreEvent[] = []
  controller.subscribe((event) => events.push(event))
  const ofType = <T extends RealtimeCoreEvent['type']>(type: T): EventOf<T>[] =>
    events.filter((event): event is EventOf<T> => event.type === type)
  const until = async <T extends RealtimeCoreEvent['type']>(
    type: T,
    count = 1
  ): Promise<EventOf<T>> => {
    const deadline = Date.now() + timeoutMs
    while (ofType(type).length < count) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${count} × ${type}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    return ofType(type)[count - 1] as EventOf<T>
  }
  return { events, ofType, until }
}
