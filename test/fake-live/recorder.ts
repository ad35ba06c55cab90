// What the fake Live server saw and sent: every client frame (with the error it got, if any),
// the input audio per connection (the Realtime fake's Recorder does that part), each assistant
// turn with the exact audio bytes sent, and each session's close.
import type { SessionClosedEvent } from 'openai/resources/live/live'
import { concatBytes } from '../../src/shared/pcm'
import { Recorder } from '../fake-realtime/recorder'
import type { LiveApiError } from './live-errors'
import type { LiveSessionConfig } from './session-schema'

export interface RecordedLiveEvent {
  connectionIndex: number
  type: string
  /** The parsed JSON object ({} when the frame was not one). */
  event: Record<string, unknown>
  raw: string
  error: LiveApiError | null
}

export type LiveTurnStatus = 'speaking' | 'done' | 'interrupted' | 'disconnected'

export class RecordedLiveTurn {
  status: LiveTurnStatus = 'speaking'
  readonly chunks: Uint8Array[] = []
  /** Session-timeline span of the reply's audio. */
  constructor(
    readonly connectionIndex: number,
    readonly userTranscript: string,
    readonly replyText: string,
    readonly delegationId: string | null,
    readonly startMs: number
  ) {}

  get audio(): Uint8Array {
    return concatBytes(this.chunks)
  }
}

export class LiveRecorder extends Recorder {
  readonly liveEvents: RecordedLiveEvent[] = []
  readonly turns: RecordedLiveTurn[] = []
  /** The `session` of each connection's accepted `session.start`, by connection index. */
  readonly startedSessions = new Map<number, LiveSessionConfig>()
  readonly closes: { connectionIndex: number; reason: SessionClosedEvent['reason'] }[] = []
  /** Every cumulative `usage.seconds` sent (usage updates and closes), in order. */
  readonly usageReports: { connectionIndex: number; seconds: number }[] = []

  recordLiveEvent(event: RecordedLiveEvent): void {
    this.liveEvents.push(event)
    this.changed()
  }

  recordTurn(turn: RecordedLiveTurn): void {
    this.turns.push(turn)
    this.changed()
  }
}
