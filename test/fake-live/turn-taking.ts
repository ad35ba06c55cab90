// The fake GPT-Live "model": the server, not the client, takes the turns (reference §2). An
// energy VAD on the session timeline hears the user start and stop; speech over an answer stops
// it (full duplex); a finished user turn gets its transcript fragments, then either a client
// delegation (answered once the client appends its result) or a spoken reply with its captions
// and, when it has played out, the cumulative usage.
import { PCM_BYTES_PER_MS, PCM_SAMPLE_RATE, bytesAsPcm16, msToPcmBytes } from '../../src/shared/pcm'
import { EnergyVad, type VadEvent } from '../fake-realtime/vad'
import type { LiveConnectionContext } from './live-connection'
import type { FakeLiveOptions, FakeLiveTurn } from './options'
import { RecordedLiveTurn } from './recorder'
import { ReplySpeaker } from './reply-speaker'
import type { LiveServerEventSink } from './server-events'

export interface TurnTakingHost extends LiveServerEventSink {
  readonly index: number
  readonly context: LiveConnectionContext
  readonly options: FakeLiveOptions
}

export class FakeLiveTurnTaking {
  private readonly vad: EnergyVad
  private speechOnsetMs = 0
  private turnIndex = 0
  private speaker: ReplySpeaker | null = null
  private outputEndMs = 0
  private pendingDelegation: { id: string; turn: FakeLiveTurn } | null = null

  constructor(
    private readonly host: TurnTakingHost,
    private readonly history: FakeLiveTurn['history']
  ) {
    this.vad = new EnergyVad({
      rmsThreshold: host.options.vadRmsThreshold,
      silenceDurationMs: host.options.silenceDurationMs,
      prefixPaddingMs: 0
    })
  }

  /** Milliseconds on the session timeline: input audio so far, or the end of the last reply. */
  get timelineMs(): number {
    return Math.max(this.vad.timelineMs, this.outputEndMs)
  }

  /** The id of the client delegation waiting for its result, if any. */
  get pendingDelegationId(): string | null {
    return this.pendingDelegation?.id ?? null
  }

  hear(samples: Int16Array): void {
    for (const vadEvent of this.vad.push(samples)) this.onVad(vadEvent)
  }

  /** Muted: whatever was being heard ends; the model hears silence from here. */
  forgetSpeech(): void {
    this.vad.reset()
  }

  /** The client's result for the pending delegation: the model answers with it. */
  answerDelegation(content: string): void {
    const pending = this.pendingDelegation
    if (!pending) return
    this.pendingDelegation = null
    this.speak({ ...pending.turn, delegationResult: content }, pending.id)
  }

  stopSpeaking(status: 'interrupted' | 'disconnected'): void {
    this.speaker?.stop(status)
  }

  private onVad(event: VadEvent): void {
    if (event.type === 'speech_started') {
      this.speechOnsetMs = event.speechOnsetMs
      // Full duplex: the model stops talking when the user talks over it.
      this.speaker?.stop('interrupted')
      return
    }
    const all = this.host.context.recorder.inputAudio(this.host.index)
    const speech = all.subarray(msToPcmBytes(this.speechOnsetMs), msToPcmBytes(event.audioEndMs))
    const userAudioMs = (speech.byteLength / 2 / PCM_SAMPLE_RATE) * 1000
    const userTranscript = this.host.options.transcribe(bytesAsPcm16(new Uint8Array(speech)))
    this.sendInputTranscript(userTranscript, this.speechOnsetMs, event.audioEndMs)
    const turn: FakeLiveTurn = {
      connectionIndex: this.host.index,
      turnIndex: this.turnIndex++,
      userAudioMs,
      userTranscript,
      history: this.history,
      delegationResult: null
    }
    if (this.host.options.delegate(turn)) {
      const id = this.host.context.ids.next('call')
      this.pendingDelegation = { id, turn }
      this.host.send({
        type: 'session.delegation.created',
        event_id: this.host.nextEventId(),
        offset_ms: event.audioEndMs,
        delegation: { id, target: 'client', type: 'delegation' }
      })
      return
    }
    this.speak(turn, null)
  }

  private sendInputTranscript(text: string, startMs: number, endMs: number): void {
    const words = text.split(/(?<=\s)/).filter((w) => w.trim() !== '')
    const spanMs = (endMs - startMs) / Math.max(1, words.length)
    words.forEach((word, i) =>
      this.host.send({
        type: 'session.input_transcript.delta',
        event_id: this.host.nextEventId(),
        delta: word,
        start_ms: Math.round(startMs + i * spanMs),
        end_ms: Math.round(startMs + (i + 1) * spanMs)
      })
    )
  }

  private speak(turn: FakeLiveTurn, delegationId: string | null): void {
    this.speaker?.stop('interrupted')
    const recorded = new RecordedLiveTurn(
      this.host.index,
      turn.userTranscript,
      this.host.options.reply(turn),
      delegationId,
      Math.round(this.timelineMs)
    )
    this.host.context.recorder.recordTurn(recorded)
    const { speed, chunkMs, msPerChar } = this.host.options
    const speaker = new ReplySpeaker(
      this.host,
      recorded,
      {
        chunkMs,
        msPerChar,
        intervalMs: speed === 0 || !Number.isFinite(speed) ? null : chunkMs / speed
      },
      () => {
        if (this.speaker === speaker) this.speaker = null
        this.outputEndMs = Math.max(
          this.outputEndMs,
          recorded.startMs + recorded.audio.byteLength / PCM_BYTES_PER_MS
        )
        this.host.context.recorder.changed()
        if (recorded.status === 'done')
          this.host.send({
            type: 'session.usage.updated',
            event_id: this.host.nextEventId(),
            usage: { seconds: this.usageSeconds() }
          })
      }
    )
    this.speaker = speaker
    speaker.start()
  }

  /** Cumulative session seconds, never an increment (reference §2); recorded for tests. */
  usageSeconds(): number {
    const seconds = Math.round(this.timelineMs / 10) / 100
    this.host.context.recorder.usageReports.push({ connectionIndex: this.host.index, seconds })
    return seconds
  }
}
