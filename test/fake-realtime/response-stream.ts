// One response's life: `response.created`, its output (a spoken or written message, a spoken
// preamble message then the answer message, or a function call), then `response.done`, in the
// order the API sends them (reference §9b; preambles: reference §1). Audio
// goes out in chunks paced at real time / speed, each after its share of the transcript. Every
// `response.created` gets its `response.done`, also when cancelled: the SDK holds later
// `response.create`s until it sees one (reference §4, "Response sequencing").
import type { RealtimeResponse, RealtimeResponseUsage } from 'openai/resources/realtime/realtime'
import { PCM_BYTES_PER_MS } from '../../src/shared/pcm'
import type { Conversation } from './conversation'
import type { EventSink } from './event-sink'
import { faultFrame, isEndingFault, type EndingFault, type FakeFaults } from './faults'
import { closeMessage, openMessage, sendMessageDelta, type MessageOutput } from './message-events'
import { chunkIntervalMs, type FakeRealtimeOptions } from './options'
import type { RecordedResponse } from './recorder'
import { responseObject, responseUsage, type ResponseShape } from './response-object'
import { pcm16ToBytes, speechDurationMs, synthesizeSpeech } from './speech-synth'
import { sendToolCallEvents } from './tool-call-events'
import type { ServerEvent } from './wire-types'

export interface ResponseHost extends EventSink {
  readonly options: FakeRealtimeOptions
  readonly faults: FakeFaults
  readonly conversation: Conversation
  sendRaw(text: string): void
  terminate(): void
  /** Ends the connection the way a fault says (drop, close 1011, session expiry). */
  endWith(kind: EndingFault): void
  responseFinished(stream: ResponseStream): void
  recordChanged(): void
}

export interface ResponsePlan {
  record: RecordedResponse
  /** False for out-of-band responses (`response.conversation: 'none'`). */
  inConversation: boolean
  voice: string
  inputTokens: { text: number; audio: number }
}

export type CancelReason = 'client_cancelled' | 'turn_detected'

export class ResponseStream {
  private phase: 'waiting' | 'created' | 'streaming' | 'finished' = 'waiting'
  private cancelTimer: (() => void) | null = null
  private message: MessageOutput | null = null
  /** The message texts still to say (the preamble first), and the items already closed. */
  private segments: string[] = []
  private readonly closedItems: NonNullable<RealtimeResponse['output']> = []
  private totalCharsSent = 0
  private totalChunksSent = 0
  private pcm: Uint8Array = new Uint8Array(0)
  private chunkCount = 0
  private chunksSent = 0
  private charsSent = 0
  private chunkBytes = 0
  private nextDueMs = 0

  constructor(
    private readonly host: ResponseHost,
    private readonly plan: ResponsePlan
  ) {}

  get responseId(): string {
    return this.plan.record.responseId
  }

  start(): void {
    this.after(this.host.faults.responseStartDelayMs, () => this.announce())
  }

  /** Stops at once and closes the response as `cancelled` (client cancel or barge-in). */
  cancel(reason: CancelReason): void {
    if (this.phase === 'finished') return
    this.stopTimer()
    if (this.phase === 'waiting') this.sendCreated()
    const text = this.text.slice(0, this.charsSent)
    const open =
      this.message && !this.messageClosed ? [closeMessage(this.message, text, false)] : []
    this.sendDone('cancelled', [...this.closedItems, ...open], reason)
  }

  /** The socket is gone: stop without sending anything. */
  abort(): void {
    if (this.phase === 'finished') return
    this.stopTimer()
    this.phase = 'finished'
    this.record.status = 'disconnected'
    this.host.recordChanged()
  }

  private get record(): RecordedResponse {
    return this.plan.record
  }

  /** What the current message item says when complete. */
  private get text(): string {
    return this.segments[0] ?? ''
  }

  private get messageClosed(): boolean {
    return (
      this.message !== null && this.closedItems.some((item) => item.id === this.message?.item.id)
    )
  }

  private get shape(): ResponseShape {
    return { id: this.responseId, kind: this.record.kind, voice: this.plan.voice }
  }

  /** Runs `run` after `delayMs`; at once for 0, on the next loop turn for null. */
  private after(delayMs: number | null, run: () => void): void {
    if (delayMs === null) {
      const handle = setImmediate(run)
      this.cancelTimer = () => clearImmediate(handle)
    } else if (delayMs <= 0) {
      this.cancelTimer = null
      run()
    } else {
      const handle = setTimeout(run, delayMs)
      this.cancelTimer = () => clearTimeout(handle)
    }
  }

  private stopTimer(): void {
    this.cancelTimer?.()
    this.cancelTimer = null
  }

  private sendCreated(): void {
    this.phase = 'created'
    this.host.send({
      type: 'response.created',
      event_id: this.host.ids.next('event'),
      response: responseObject(this.shape, 'in_progress')
    } satisfies ServerEvent<'response.created'>)
  }

  private announce(): void {
    this.sendCreated()
    this.after(this.host.faults.firstAudioDelayMs, () => this.beginOutput())
  }

  private beginOutput(): void {
    const conversation = this.plan.inConversation ? this.host.conversation : null
    const { kind, toolCall, text } = this.record
    if (kind === 'function_call') {
      const item =
        toolCall && sendToolCallEvents(this.host, conversation, this.responseId, toolCall)
      if (item) this.record.itemId = item.id
      return this.sendDone('completed', item ? [item] : [], null)
    }
    this.phase = 'streaming'
    const preamble = this.record.preamble
    this.segments = preamble !== null ? [preamble, text] : [text]
    // Fixed for this response, so a runtime setOptions() cannot skip or repeat audio.
    this.chunkBytes = this.host.options.chunkMs * PCM_BYTES_PER_MS
    this.openSegment(conversation)
    // The schedule starts once the speech exists: a paced stream's first chunk is not late by
    // the synthesis, to be caught up by a burst (which would flatter a client's jitter buffer).
    this.nextDueMs = performance.now()
    this.step()
  }

  /** Opens the message item for the next text to say, at the next output index. */
  private openSegment(conversation: Conversation | null): MessageOutput {
    const { msPerChar, chunkMs } = this.host.options
    const kind = this.record.kind === 'text' ? 'text' : 'audio'
    const text = this.text
    this.pcm =
      kind === 'audio' ? pcm16ToBytes(synthesizeSpeech(text, { msPerChar })) : new Uint8Array(0)
    this.chunkCount = Math.max(1, Math.ceil(speechDurationMs(text, msPerChar) / chunkMs))
    this.chunksSent = 0
    this.charsSent = 0
    const outputIndex = this.closedItems.length
    this.message = openMessage(this.host, conversation, this.responseId, kind, outputIndex)
    this.record.addItem(this.message.item.id, text)
    return this.message
  }

  /** Where the text sent with chunk `index` ends: its share, extended to the end of a word. */
  private textEnd(index: number): number {
    const text = this.text
    if (index + 1 >= this.chunkCount) return text.length
    const space = text.indexOf(' ', Math.round((text.length * (index + 1)) / this.chunkCount))
    return space < 0 ? text.length : space + 1
  }

  private step(): void {
    const fault = this.host.faults.midResponse
    if (fault && fault.afterAudioChunks <= this.totalChunksSent) {
      this.host.faults.midResponse = null
      if (isEndingFault(fault.kind)) return this.host.endWith(fault.kind)
      this.host.sendRaw(faultFrame(fault.kind, this.host.ids))
    }
    let message = this.message
    if (!message) return
    if (this.chunksSent >= this.chunkCount) {
      this.closedItems.push(closeMessage(message, this.text.slice(0, this.charsSent), true))
      this.segments.shift()
      if (this.segments.length === 0) return this.sendDone('completed', this.closedItems, null)
      const synthesisStartMs = performance.now()
      message = this.openSegment(message.conversation)
      // The next item keeps the cadence from when its speech exists (see beginOutput()).
      this.nextDueMs += performance.now() - synthesisStartMs
    }
    const end = Math.max(this.charsSent, this.textEnd(this.chunksSent))
    const textDelta = this.text.slice(this.charsSent, end)
    this.totalCharsSent += end - this.charsSent
    this.charsSent = end
    const offset = this.chunksSent * this.chunkBytes
    const audio =
      this.record.kind === 'audio' ? this.pcm.subarray(offset, offset + this.chunkBytes) : null
    if (audio && audio.byteLength > 0) this.record.addAudio(audio)
    sendMessageDelta(message, textDelta, audio)
    this.chunksSent++
    this.totalChunksSent++
    this.host.recordChanged()
    // Each chunk is due one interval after the previous one was due (not after it was sent), so
    // timer lateness does not add up over a long reply; `speed` is read anew for every chunk.
    const intervalMs = chunkIntervalMs(this.host.options)
    if (intervalMs === null) return this.after(null, () => this.step())
    this.nextDueMs += intervalMs
    this.after(Math.max(1, this.nextDueMs - performance.now()), () => this.step())
  }

  private usageField(outputChars: number): { usage?: RealtimeResponseUsage } {
    const usage = responseUsage(this.plan.inputTokens, outputChars, this.record.audio.byteLength)
    switch (this.host.faults.usage) {
      case 'normal':
        return { usage }
      case 'missing':
        return {}
      case 'malformed':
        return { usage: { ...usage, input_tokens: -5, output_tokens: -1 } }
    }
  }

  private sendDone(
    status: 'completed' | 'cancelled',
    output: RealtimeResponse['output'],
    reason: CancelReason | null
  ): void {
    this.stopTimer()
    this.phase = 'finished'
    const call = this.record.toolCall
    const outputChars = call ? call.name.length + call.arguments.length : this.totalCharsSent
    this.host.send({
      type: 'response.done',
      event_id: this.host.ids.next('event'),
      response: {
        ...responseObject(this.shape, status),
        output,
        ...(reason ? { status_details: { type: 'cancelled', reason } } : {}),
        ...this.usageField(outputChars)
      }
    } satisfies ServerEvent<'response.done'>)
    this.record.status = status
    this.host.responseFinished(this)
    this.host.recordChanged()
  }
}
