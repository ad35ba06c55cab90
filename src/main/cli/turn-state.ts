// What one CLI turn has seen so far: the assistant's transcript, the reply audio, responses and
// tool calls, timings and token usage. Fed core events; knows nothing about sockets or timers.

import { concatBytes, pcmBytesToMs } from '../../shared/pcm'
import type { RealtimeCoreEvent, UsageTotals } from '../../shared/realtime-events'
import type {
  ResponseUsage,
  TurnLatency,
  TurnMetrics as ResponseMetrics
} from '../../shared/turn-metrics'

export interface TurnMetrics {
  type: 'metrics'
  /** start() called → connected. */
  connectMs: number | null
  /** Turn sent (text sent, or audio committed) → first audio delta. */
  timeToFirstAudioMs: number | null
  /** Turn sent → first assistant transcript delta. */
  timeToFirstTranscriptMs: number | null
  /** Turn sent → the final response_done. */
  turnMs: number | null
  /** Duration of the reply audio received. */
  audioMs: number
  audioBytes: number
  /** Duration of the question audio sent (--in), else null. */
  inputAudioMs: number | null
  responses: number
  toolCalls: number
  inputTokens: number
  outputTokens: number
  totalTokens: number
  /** Token details of the turn's responses, summed; null when any response had none. */
  usage: ResponseUsage | null
  /** What the turn cost; each part null when unknown ("price unknown"). */
  costUsd: { totalUsd: number | null; responsesUsd: number | null; transcriptionUsd: number | null }
  /** The first response's latency breakdown (no playback here: nothing is "heard"). */
  latency: TurnLatency | null
}

/** What a response_done means for the turn. */
export type ResponseVerdict =
  | { kind: 'complete' }
  | { kind: 'continue' } // a tool call was made: its follow-up response is the answer
  | { kind: 'failed'; status: string }

interface ResponseRecord {
  hasToolCall: boolean
}

interface TranscriptItem {
  streamed: string
  final: string | null
}

const round1 = (ms: number): number => Math.round(ms * 10) / 10

export class TurnState {
  readonly #now: () => number
  readonly #startedAtMs: number
  #connectedAtMs: number | null = null
  #sentAtMs: number | null = null
  #firstAudioAtMs: number | null = null
  #firstTranscriptAtMs: number | null = null
  #doneAtMs: number | null = null
  #lastResponseDoneAtMs: number | null = null
  #inputAudioMs: number | null = null
  readonly #audioChunks: Uint8Array[] = []
  #audioBytes = 0
  readonly #responses = new Map<string, ResponseRecord>()
  #openResponseId: string | null = null
  /** Tool calls whose follow-up response has not started yet. */
  #toolCallsAwaitingResponse = 0
  #toolCalls = 0
  readonly #usage: UsageTotals = { inputTokens: 0, outputTokens: 0, totalTokens: 0 }
  readonly #items = new Map<string, TranscriptItem>()
  /** The newest turn_metrics of each response, in response order. */
  readonly #responseMetrics = new Map<string, ResponseMetrics>()
  #lastPrintedItemId: string | null = null

  constructor(now: () => number) {
    this.#now = now
    this.#startedAtMs = now()
  }

  markConnected(): void {
    this.#connectedAtMs = this.#now()
  }

  markSent(inputAudioMs: number | null): void {
    this.#sentAtMs = this.#now()
    this.#inputAudioMs = inputAudioMs
  }

  /** The turn is complete: it ended at the last response_done. */
  markDone(): void {
    this.#doneAtMs ??= this.#lastResponseDoneAtMs ?? this.#now()
  }

  get sent(): boolean {
    return this.#sentAtMs !== null
  }

  /**
   * Record one core event. Returns assistant transcript text to print now (a new item starts on a
   * new line), or '' when there is nothing to print.
   */
  record(event: RealtimeCoreEvent): string {
    switch (event.type) {
      case 'audio':
        this.#firstAudioAtMs ??= this.#now()
        // Copy: the emitter owns the event's buffer.
        this.#audioChunks.push(event.pcm.slice())
        this.#audioBytes += event.pcm.byteLength
        return ''
      case 'response_started':
        this.#openResponseId = event.responseId
        this.#response(event.responseId)
        this.#toolCallsAwaitingResponse = 0
        return ''
      case 'tool_call':
        this.#toolCalls++
        this.#toolCallsAwaitingResponse++
        if (this.#openResponseId !== null) this.#response(this.#openResponseId).hasToolCall = true
        return ''
      case 'response_done':
        this.#lastResponseDoneAtMs = this.#now()
        if (this.#openResponseId === event.responseId) this.#openResponseId = null
        this.#usage.inputTokens += event.usage.inputTokens
        this.#usage.outputTokens += event.usage.outputTokens
        this.#usage.totalTokens += event.usage.totalTokens
        return ''
      case 'turn_metrics': {
        const { type: _type, ...metrics } = event
        this.#responseMetrics.set(event.responseId, metrics)
        return ''
      }
      case 'transcript_delta':
        return event.role === 'assistant'
          ? this.#assistantText(event.itemId, event.delta, false)
          : ''
      case 'transcript_done':
        return event.role === 'assistant' ? this.#assistantText(event.itemId, event.text, true) : ''
      default:
        return ''
    }
  }

  /**
   * Judge a finished response once the events that may trail it have been recorded: a response
   * that called a tool is followed by another one, which carries the answer.
   */
  verdict(responseId: string, status: string): ResponseVerdict {
    const response = this.#responses.get(responseId)
    const newerStarted = this.#openResponseId !== null && this.#openResponseId !== responseId
    if (newerStarted || response?.hasToolCall === true || this.#toolCallsAwaitingResponse > 0)
      return { kind: 'continue' }
    if (status === 'failed' || status === 'cancelled') return { kind: 'failed', status }
    return { kind: 'complete' }
  }

  /** True when something was printed and the line is still open. */
  get hasOpenLine(): boolean {
    return this.#lastPrintedItemId !== null
  }

  /** The assistant's words: one line per spoken item, in order. */
  get transcript(): string {
    return [...this.#items.values()]
      .map((item) => item.final ?? item.streamed)
      .filter((text) => text !== '')
      .join('\n')
  }

  /** Every reply audio byte, in arrival order. */
  get audio(): Uint8Array {
    return concatBytes(this.#audioChunks)
  }

  metrics(): TurnMetrics {
    const since = (from: number | null, to: number | null): number | null =>
      from !== null && to !== null ? round1(to - from) : null
    return {
      type: 'metrics',
      connectMs: since(this.#startedAtMs, this.#connectedAtMs),
      timeToFirstAudioMs: since(this.#sentAtMs, this.#firstAudioAtMs),
      timeToFirstTranscriptMs: since(this.#sentAtMs, this.#firstTranscriptAtMs),
      turnMs: since(this.#sentAtMs, this.#doneAtMs),
      audioMs: round1(pcmBytesToMs(this.#audioBytes)),
      audioBytes: this.#audioBytes,
      inputAudioMs: this.#inputAudioMs === null ? null : round1(this.#inputAudioMs),
      responses: this.#responses.size,
      toolCalls: this.#toolCalls,
      ...this.#usage,
      ...this.#costAndLatency()
    }
  }

  #costAndLatency(): Pick<TurnMetrics, 'usage' | 'costUsd' | 'latency'> {
    const all = [...this.#responseMetrics.values()]
    // No metrics at all (a server Hark could not measure) is unknown, not free.
    const sum = (values: (number | null)[]): number | null =>
      values.length === 0 || values.some((value) => value === null)
        ? null
        : values.reduce<number>((total, value) => total + (value ?? 0), 0)
    const responsesUsd = sum(all.map((m) => m.responseCostUsd))
    const transcriptionUsd = sum(all.map((m) => m.transcriptionCostUsd))
    return {
      usage: all.some((m) => m.usage === null) ? null : sumUsage(all.flatMap((m) => m.usage ?? [])),
      costUsd: {
        totalUsd:
          responsesUsd !== null && transcriptionUsd !== null
            ? responsesUsd + transcriptionUsd
            : null,
        responsesUsd,
        transcriptionUsd
      },
      latency: all[0]?.latency ?? null
    }
  }

  #response(responseId: string): ResponseRecord {
    let record = this.#responses.get(responseId)
    if (!record) {
      record = { hasToolCall: false }
      this.#responses.set(responseId, record)
    }
    return record
  }

  /** Keep the item's text and return what has not been printed of it yet. */
  #assistantText(itemId: string, text: string, final: boolean): string {
    let item = this.#items.get(itemId)
    if (!item) {
      item = { streamed: '', final: null }
      this.#items.set(itemId, item)
    }
    let unprinted: string
    if (final) {
      item.final = text
      // The final text normally repeats the deltas; print only what they did not say.
      unprinted = text.startsWith(item.streamed) ? text.slice(item.streamed.length) : ''
      item.streamed = text.startsWith(item.streamed) ? text : item.streamed
    } else {
      item.streamed += text
      unprinted = text
    }
    if (unprinted === '') return ''
    if (this.#firstTranscriptAtMs === null) this.#firstTranscriptAtMs = this.#now()
    const separator =
      this.#lastPrintedItemId !== null && this.#lastPrintedItemId !== itemId ? '\n' : ''
    this.#lastPrintedItemId = itemId
    return separator + unprinted
  }
}

function sumUsage(usages: ResponseUsage[]): ResponseUsage | null {
  if (usages.length === 0) return null
  const total: ResponseUsage = {
    inputTokens: 0,
    outputTokens: 0,
    input: { text: 0, audio: 0, image: 0 },
    cachedInput: { text: 0, audio: 0, image: 0 },
    output: { text: 0, audio: 0 }
  }
  for (const usage of usages) {
    total.inputTokens += usage.inputTokens
    total.outputTokens += usage.outputTokens
    for (const key of ['text', 'audio', 'image'] as const) {
      total.input[key] += usage.input[key]
      total.cachedInput[key] += usage.cachedInput[key]
    }
    total.output.text += usage.output.text
    total.output.audio += usage.output.audio
  }
  return total
}
