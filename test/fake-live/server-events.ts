// What the parts of a fake Live connection use to talk to the client: typed server events only.
import type { ServerEvent } from 'openai/resources/live/live'

export interface LiveServerEventSink {
  send(event: ServerEvent): void
  nextEventId(): string
}
