// `input_audio_buffer.*`: appending, committing (by the client or by the fake VAD) and clearing
// the input audio, and transcribing committed audio when the session asks for it.
import { bytesAsPcm16, pcmBytesToMs } from '../../src/shared/pcm'
import type { ClientEventOf } from './client-events'
import type { Conversation } from './conversation'
import type { EventSink } from './event-sink'
import { InputAudioBuffer, decodeAudio } from './input-audio-buffer'
import type { FakeRealtimeOptions } from './options'
import { vadSettings, type VadSettings } from './session-config'
import { EnergyVad, type VadEvent } from './vad'
import { invalidRequest } from './validation-errors'
import type { ServerEvent, WireSession, WireUserMessage } from './wire-types'

/** The API refuses to commit less than this ("buffer too small. Expected at least 100ms"). */
export const MIN_COMMIT_MS = 100

export interface AudioInputHost extends EventSink {
  readonly conversation: Conversation
  readonly session: WireSession
  readonly options: FakeRealtimeOptions
  readonly hasActiveResponse: boolean
  recordInputAudio(bytes: Uint8Array): void
  cancelActiveResponse(reason: 'turn_detected'): void
  /** The VAD committed a turn and the session wants an automatic response. */
  createResponse(): void
}

export class AudioInput {
  private readonly buffer = new InputAudioBuffer()
  // Fed with every appended sample even while turn detection is off, so that its timeline and
  // the buffer's stay the same: both are "ms since the first appended sample".
  private readonly vad: EnergyVad
  private speech: { itemId: string; audioStartMs: number } | null = null
  private turnDetectionJson: string

  constructor(private readonly host: AudioInputHost) {
    this.vad = new EnergyVad(this.vadConfig(vadSettings(host.session)))
    this.turnDetectionJson = JSON.stringify(host.session.audio.input.turn_detection)
  }

  /** Call after `session.update`: turn detection may have been switched or retuned. */
  sessionChanged(): void {
    const json = JSON.stringify(this.host.session.audio.input.turn_detection)
    if (json === this.turnDetectionJson) return
    // A new turn detection starts from silence: no half-heard turn carries over.
    this.turnDetectionJson = json
    this.vad.configure(this.vadConfig(vadSettings(this.host.session)))
    this.resetVad()
  }

  append(event: ClientEventOf<'input_audio_buffer.append'>): void {
    const bytes = decodeAudio(event.audio, 'audio')
    if (!(bytes instanceof Uint8Array)) return this.host.sendError(bytes)
    this.host.recordInputAudio(bytes)
    this.buffer.append(bytes)
    const settings = vadSettings(this.host.session)
    const events = this.vad.push(bytesAsPcm16(bytes))
    if (!settings) return
    for (const vadEvent of events) this.onVadEvent(vadEvent, settings)
    if (!this.vad.isSpeaking) this.buffer.dropBefore(this.vad.timelineMs - settings.prefixPaddingMs)
  }

  commit(_event: ClientEventOf<'input_audio_buffer.commit'>): void {
    const durationMs = this.buffer.durationMs
    if (durationMs < MIN_COMMIT_MS)
      return this.host.sendError(
        invalidRequest(
          'input_audio_buffer_commit_empty',
          `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, but buffer only has ${durationMs.toFixed(2)}ms of audio.`,
          null
        )
      )
    const itemId = this.speech?.itemId ?? this.host.ids.next('item')
    this.resetVad()
    this.commitAudio(this.buffer.clear(), itemId)
  }

  clear(_event: ClientEventOf<'input_audio_buffer.clear'>): void {
    this.buffer.clear()
    this.resetVad()
    this.host.send({
      type: 'input_audio_buffer.cleared',
      event_id: this.host.ids.next('event')
    } satisfies ServerEvent<'input_audio_buffer.cleared'>)
  }

  private vadConfig(settings: VadSettings | null): ConstructorParameters<typeof EnergyVad>[0] {
    // The API's threshold is a speech probability (default 0.5); the fake scales its energy gate.
    const threshold = settings?.threshold ?? 0.5
    return {
      rmsThreshold: this.host.options.vadRmsThreshold * (threshold / 0.5),
      silenceDurationMs: settings?.silenceDurationMs ?? 500,
      prefixPaddingMs: settings?.prefixPaddingMs ?? 300
    }
  }

  private resetVad(): void {
    this.vad.reset()
    this.speech = null
  }

  private onVadEvent(event: VadEvent, settings: VadSettings): void {
    if (event.type === 'speech_started') {
      const audioStartMs = Math.floor(Math.max(event.audioStartMs, this.buffer.timelineStartMs))
      this.speech = { itemId: this.host.ids.next('item'), audioStartMs }
      this.host.send({
        type: 'input_audio_buffer.speech_started',
        event_id: this.host.ids.next('event'),
        audio_start_ms: audioStartMs,
        item_id: this.speech.itemId
      } satisfies ServerEvent<'input_audio_buffer.speech_started'>)
      // With interrupt_response the server cancels the running response itself, and the SDK then
      // sends only the truncate (reference §5).
      if (settings.interruptResponse && this.host.hasActiveResponse)
        this.host.cancelActiveResponse('turn_detected')
      return
    }
    const speech = this.speech
    if (!speech) return
    this.speech = null
    const audioEndMs = Math.floor(event.audioEndMs)
    this.host.send({
      type: 'input_audio_buffer.speech_stopped',
      event_id: this.host.ids.next('event'),
      audio_end_ms: audioEndMs,
      item_id: speech.itemId
    } satisfies ServerEvent<'input_audio_buffer.speech_stopped'>)
    this.commitAudio(this.buffer.takeRange(speech.audioStartMs, audioEndMs), speech.itemId)
    if (settings.createResponse && !this.host.hasActiveResponse) this.host.createResponse()
  }

  private commitAudio(bytes: Uint8Array, itemId: string): void {
    const { conversation, ids } = this.host
    const previousItemId = conversation.lastItemId
    this.host.send({
      type: 'input_audio_buffer.committed',
      event_id: ids.next('event'),
      previous_item_id: previousItemId,
      item_id: itemId
    } satisfies ServerEvent<'input_audio_buffer.committed'>)
    const item: WireUserMessage & { id: string } = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      role: 'user',
      status: 'completed',
      // `transcript: null` is required: without the key the SDK's item schema throws (§7).
      content: [{ type: 'input_audio', transcript: null }]
    }
    conversation.echo(item, conversation.insert(item, undefined, bytes))
    if (this.host.session.audio.input.transcription) this.transcribe(item, bytes)
  }

  private transcribe(item: WireUserMessage & { id: string }, bytes: Uint8Array): void {
    const transcript = this.host.options.transcribe(bytesAsPcm16(bytes))
    for (const delta of transcript.match(/\S+\s*/g) ?? []) {
      this.host.send({
        type: 'conversation.item.input_audio_transcription.delta',
        event_id: this.host.ids.next('event'),
        item_id: item.id,
        content_index: 0,
        delta
      } satisfies ServerEvent<'conversation.item.input_audio_transcription.delta'>)
    }
    this.host.conversation.replace({ ...item, content: [{ type: 'input_audio', transcript }] })
    this.host.send({
      type: 'conversation.item.input_audio_transcription.completed',
      event_id: this.host.ids.next('event'),
      item_id: item.id,
      content_index: 0,
      transcript,
      usage: { type: 'duration', seconds: pcmBytesToMs(bytes.byteLength) / 1000 }
    } satisfies ServerEvent<'conversation.item.input_audio_transcription.completed'>)
  }
}
