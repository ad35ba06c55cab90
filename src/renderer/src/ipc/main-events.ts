// The one place the page subscribes to main's events: every event channel once, at start, then
// dispatched here to whatever the stores, the bridge and the components registered. The rest of
// the renderer keeps calling `hark().on(…)`, which lands here, not on the IPC seam, so a channel
// has one IPC listener however many parts of the page follow it (and the overlay page, which
// shares this code, gets the same events the same way).
import { channelsOfKind, type EventChannel, type HarkApi } from '../../../shared/ipc'

type Listener = (payload: unknown) => void

/** True: the event belongs to an assistant the window does not show (stores/assistants.ts). */
type BackgroundRoute = (channel: EventChannel, payload: unknown) => boolean
let background: BackgroundRoute | null = null

/** Several assistants (issue 14): events of those not shown are kept aside, not shown. */
export function routeAssistantEvents(route: BackgroundRoute | null): void {
  background = route
}

export function createMainEvents(subscribe: HarkApi['on']): HarkApi['on'] {
  const listeners = new Map<EventChannel, Set<Listener>>()
  for (const channel of channelsOfKind('event')) {
    const registered = new Set<Listener>()
    listeners.set(channel, registered)
    subscribe(channel, (payload) => {
      if (background?.(channel, payload)) return
      for (const listener of [...registered]) {
        // One failing listener must not keep the event from the others.
        try {
          listener(payload)
        } catch (error) {
          globalThis.reportError(error)
        }
      }
    })
  }
  return (channel, listener) => {
    const registered = listeners.get(channel)
    if (!registered) throw new Error(`"${String(channel)}" is not a Hark event.`)
    const entry = listener as Listener
    registered.add(entry)
    return () => {
      registered.delete(entry)
    }
  }
}
