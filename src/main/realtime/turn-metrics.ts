// Cost and latency per response, measured in main where the wire events arrive: the turn's end
// (push-to-talk key up, a typed message, or the server VAD's `speech_stopped`) → the commit on
// the wire → `response.created` → the first audio delta → the first sample the renderer played.
// Usage comes from the wire `response.done` (the SDK's `turn_done` drops the token details) and
// from input transcription's own `usage` (reference §1).
import type { TurnLatency, TurnMetrics } from '../../shared/turn-metrics'
import { responseCostUsd, transcriptionCostUsd } from '../usage/cost'
import { parseResponseUsage, parseTranscriptionUsage } from '../usage/usage'
import { recordField, stringField } from './wire'

interface TurnStart {
  by: TurnLatency['startedBy']
  atMs: number
  committedAtMs: number | null
}

interface ResponseTiming {
  start: TurnStart | null
  createdAtMs: number
  firstAudioAtMs: number | null
  heardAtMs: number | null
  itemIds: string[]
  /** The user's audio items this response answers (committed since the previous response). */
  userItemIds: string[]
  /** Emitted at response.done; null until then. */
  metrics: TurnMetrics | null
}

export interface TurnMetricsOptions {
  model: string
  transcriptionModel: string
  emit: (metrics: TurnMetrics) => void
  now?: () => number
}

/** Wire events the tracker reads; PlaybackAwareTransport's `on` satisfies it. */
export interface WireEventSource {
  on(type: string, listener: (event: unknown) => void): unknown
}

/** Responses remembered for a late playback report; older ones are done with. */
const MAX_RESPONSES = 8
const round1 = (ms: number): number => Math.round(ms * 10) / 10

export class TurnMetricsTracker {
  readonly #options: TurnMetricsOptions
  readonly #now: () => number
  #pendingStart: TurnStart | null = null
  readonly #responses = new Map<string, ResponseTiming>()
  readonly #itemResponse = new Map<string, string>()
  /** User audio items committed since the last `response.created`: the next response's input. */
  #committedItemIds: string[] = []
  /** Input transcription cost per user item (null: no price), until its response takes it. */
  readonly #transcriptionByItem = new Map<string, number | null>()
  /** The user item → the response answering it, and that response's last metrics (late usage). */
  readonly #userItemResponse = new Map<string, string>()
  readonly #emitted = new Map<string, TurnMetrics>()

  constructor(options: TurnMetricsOptions) {
    this.#options = options
    this.#now = options.now ?? (() => performance.now())
  }

  attach(source: WireEventSource): void {
    source.on('input_audio_buffer.speech_stopped', () => this.userTurnEnded('speech_stopped'))
    source.on('input_audio_buffer.committed', (event) => {
      if (this.#pendingStart?.by === 'speech_stopped')
        this.#pendingStart.committedAtMs ??= this.#now()
      const itemId = stringField(event, 'item_id')
      if (itemId !== undefined) this.#committedItemIds.push(itemId)
    })
    source.on('response.created', (event) => {
      const id = stringField(recordField(event, 'response'), 'id')
      if (id !== undefined) this.#responseCreated(id)
    })
    source.on('response.output_audio.delta', (event) => {
      const responseId = stringField(event, 'response_id')
      const itemId = stringField(event, 'item_id')
      if (responseId !== undefined && itemId !== undefined) this.#audioDelta(responseId, itemId)
    })
    source.on('response.done', (event) => {
      const response = recordField(event, 'response')
      const id = stringField(response, 'id')
      if (id !== undefined) this.#responseDone(id, response?.['usage'])
    })
    source.on('conversation.item.input_audio_transcription.completed', (event) =>
      this.#transcribed(stringField(event, 'item_id'), recordField(event, 'usage'))
    )
  }

  /** The user's turn ended here: Hark sent the commit (push-to-talk) or the typed message. */
  userTurnEnded(by: TurnLatency['startedBy']): void {
    const atMs = this.#now()
    this.#pendingStart = { by, atMs, committedAtMs: by === 'speech_stopped' ? null : atMs }
  }

  /** The renderer's played position: the first report with audio dates the first sample heard. */
  played(itemId: string, playedMs: number): void {
    const responseId = this.#itemResponse.get(itemId)
    const timing = responseId === undefined ? undefined : this.#responses.get(responseId)
    if (!timing || timing.heardAtMs !== null || !(playedMs > 0)) return
    // The report comes up to one report interval after the first sample: date it back by what
    // was played, never before the audio reached main.
    timing.heardAtMs = Math.max(timing.firstAudioAtMs ?? -Infinity, this.#now() - playedMs)
    if (timing.metrics && responseId !== undefined) this.#emit(responseId, timing)
  }

  reset(): void {
    this.#pendingStart = null
    this.#responses.clear()
    this.#itemResponse.clear()
    this.#committedItemIds = []
    this.#transcriptionByItem.clear()
    this.#userItemResponse.clear()
    this.#emitted.clear()
  }

  #responseCreated(responseId: string): void {
    this.#responses.set(responseId, {
      start: this.#pendingStart,
      createdAtMs: this.#now(),
      firstAudioAtMs: null,
      heardAtMs: null,
      itemIds: [],
      userItemIds: this.#committedItemIds,
      metrics: null
    })
    for (const itemId of this.#committedItemIds) this.#userItemResponse.set(itemId, responseId)
    this.#committedItemIds = []
    this.#pendingStart = null
    if (this.#responses.size > MAX_RESPONSES) {
      const oldest = this.#responses.keys().next()
      if (!oldest.done) this.#forget(oldest.value)
    }
  }

  #audioDelta(responseId: string, itemId: string): void {
    const timing = this.#responses.get(responseId)
    if (!timing) return
    timing.firstAudioAtMs ??= this.#now()
    if (!timing.itemIds.includes(itemId)) {
      timing.itemIds.push(itemId)
      this.#itemResponse.set(itemId, responseId)
    }
  }

  #responseDone(responseId: string, rawUsage: unknown): void {
    const timing = this.#responses.get(responseId)
    if (!timing) return
    const { model } = this.#options
    const usage = parseResponseUsage(rawUsage)
    const responseUsd = usage ? responseCostUsd(model, usage) : null
    let transcriptionUsd: number | null = 0
    for (const itemId of timing.userItemIds) {
      if (!this.#transcriptionByItem.has(itemId)) continue
      transcriptionUsd = addUsd(transcriptionUsd, this.#transcriptionByItem.get(itemId) ?? null)
      this.#transcriptionByItem.delete(itemId)
    }
    timing.metrics = {
      responseId,
      itemIds: timing.itemIds,
      model,
      usage,
      responseCostUsd: responseUsd,
      transcriptionCostUsd: transcriptionUsd,
      costUsd: addUsd(responseUsd, transcriptionUsd),
      latency: null
    }
    this.#emit(responseId, timing)
  }

  /**
   * Input transcription is billed to the turn whose input it transcribes (by item id). Its
   * usage may come after that turn's `response.done` (transcription runs beside the response,
   * reference §1): then the turn's metrics are sent again with it, never added to the next turn.
   */
  #transcribed(itemId: string | undefined, rawUsage: unknown): void {
    const usage = parseTranscriptionUsage(rawUsage)
    const usd = usage ? transcriptionCostUsd(this.#options.transcriptionModel, usage) : null
    if (itemId === undefined) return
    const responseId = this.#userItemResponse.get(itemId)
    const timing = responseId === undefined ? undefined : this.#responses.get(responseId)
    const done =
      timing?.metrics ?? (responseId === undefined ? undefined : this.#emitted.get(responseId))
    if (responseId === undefined || !done) {
      // Its response has not finished yet (or not started): it takes the cost at response.done.
      this.#transcriptionByItem.set(itemId, usd)
      return
    }
    const transcription = addUsd(done.transcriptionCostUsd, usd)
    const metrics: TurnMetrics = {
      ...done,
      transcriptionCostUsd: transcription,
      costUsd: addUsd(done.responseCostUsd, transcription)
    }
    if (timing?.metrics) {
      timing.metrics = metrics
      this.#emit(responseId, timing)
      return
    }
    this.#remember(metrics)
    this.#options.emit(metrics)
  }

  #emit(responseId: string, timing: ResponseTiming): void {
    if (!timing.metrics) return
    timing.metrics = { ...timing.metrics, itemIds: [...timing.itemIds], latency: latencyOf(timing) }
    this.#remember(timing.metrics)
    this.#options.emit(timing.metrics)
    if (timing.heardAtMs !== null || timing.firstAudioAtMs === null) this.#forget(responseId)
  }

  #remember(metrics: TurnMetrics): void {
    this.#emitted.delete(metrics.responseId)
    this.#emitted.set(metrics.responseId, metrics)
    if (this.#emitted.size <= MAX_RESPONSES) return
    const oldest = this.#emitted.keys().next()
    if (oldest.done) return
    this.#emitted.delete(oldest.value)
    for (const [item, response] of this.#userItemResponse)
      if (response === oldest.value) this.#userItemResponse.delete(item)
  }

  #forget(responseId: string): void {
    const timing = this.#responses.get(responseId)
    this.#responses.delete(responseId)
    for (const itemId of timing?.itemIds ?? []) this.#itemResponse.delete(itemId)
  }
}

/** A sum that is unknown (null) as soon as one part is. */
const addUsd = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : a + b

function latencyOf(timing: ResponseTiming): TurnLatency | null {
  const { start } = timing
  if (!start) return null
  const span = (from: number | null, to: number | null): number | null =>
    from !== null && to !== null ? round1(Math.max(0, to - from)) : null
  return {
    startedBy: start.by,
    commitMs: span(start.atMs, start.committedAtMs),
    createdMs: span(start.committedAtMs, timing.createdAtMs),
    firstAudioMs: span(timing.createdAtMs, timing.firstAudioAtMs),
    heardMs: span(timing.firstAudioAtMs, timing.heardAtMs),
    totalMs: span(start.atMs, timing.heardAtMs)
  }
}
