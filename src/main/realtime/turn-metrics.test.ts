import { describe, expect, it } from 'vitest'
import type { TurnMetrics } from '../../shared/turn-metrics'
import { TurnMetricsTracker, type WireEventSource } from './turn-metrics'

/** Wire events delivered by hand, in the order a test chooses. */
class WireEvents implements WireEventSource {
  readonly #listeners = new Map<string, ((event: unknown) => void)[]>()
  on(type: string, listener: (event: unknown) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener])
  }
  send(event: { type: string } & Record<string, unknown>): void {
    for (const listener of this.#listeners.get(event.type) ?? []) listener(event)
  }
}

const usage = {
  input_tokens: 1000,
  output_tokens: 500,
  input_token_details: { text_tokens: 0, audio_tokens: 1000 },
  output_token_details: { text_tokens: 0, audio_tokens: 500 }
}
// 1000 × $32 + 500 × $64 per 1M = $0.064; 30 s of whisper at $0.017/min = $0.0085.
const RESPONSE_USD = 0.064
const TRANSCRIPTION_USD = 0.0085

function tracked(): { wire: WireEvents; emitted: TurnMetrics[] } {
  const wire = new WireEvents()
  const emitted: TurnMetrics[] = []
  const tracker = new TurnMetricsTracker({
    model: 'gpt-realtime-2.1',
    transcriptionModel: 'gpt-realtime-whisper',
    emit: (metrics) => emitted.push(metrics),
    now: () => 0
  })
  tracker.attach(wire)
  return { wire, emitted }
}

function userTurn(wire: WireEvents, itemId: string, responseId: string): void {
  wire.send({ type: 'input_audio_buffer.committed', item_id: itemId })
  wire.send({ type: 'response.created', response: { id: responseId } })
  wire.send({ type: 'response.done', response: { id: responseId, usage } })
}

const transcribed = (wire: WireEvents, itemId: string): void =>
  wire.send({
    type: 'conversation.item.input_audio_transcription.completed',
    item_id: itemId,
    usage: { type: 'duration', seconds: 30 }
  })

const last = (emitted: TurnMetrics[], responseId: string): TurnMetrics | undefined =>
  emitted.filter((m) => m.responseId === responseId).at(-1)

describe('transcription cost attribution', () => {
  it('a transcription that arrives after its response is counted in that turn, not the next', () => {
    const { wire, emitted } = tracked()
    userTurn(wire, 'item_user_1', 'resp_1')
    expect(last(emitted, 'resp_1')?.transcriptionCostUsd).toBe(0)
    transcribed(wire, 'item_user_1')
    expect(last(emitted, 'resp_1')).toMatchObject({
      transcriptionCostUsd: TRANSCRIPTION_USD,
      costUsd: RESPONSE_USD + TRANSCRIPTION_USD
    })
    userTurn(wire, 'item_user_2', 'resp_2')
    expect(last(emitted, 'resp_2')).toMatchObject({
      transcriptionCostUsd: 0,
      costUsd: RESPONSE_USD
    })
  })

  it('a transcription that arrives before its response is counted in that response', () => {
    const { wire, emitted } = tracked()
    wire.send({ type: 'input_audio_buffer.committed', item_id: 'item_user_1' })
    transcribed(wire, 'item_user_1')
    wire.send({ type: 'response.created', response: { id: 'resp_1' } })
    wire.send({ type: 'response.done', response: { id: 'resp_1', usage } })
    expect(last(emitted, 'resp_1')?.transcriptionCostUsd).toBe(TRANSCRIPTION_USD)
  })

  it('a late transcription still finds a turn that is already done and heard', () => {
    const { wire, emitted } = tracked()
    for (const n of [1, 2, 3]) userTurn(wire, `item_user_${n}`, `resp_${n}`)
    transcribed(wire, 'item_user_1')
    expect(last(emitted, 'resp_1')?.transcriptionCostUsd).toBe(TRANSCRIPTION_USD)
    expect(last(emitted, 'resp_3')?.transcriptionCostUsd).toBe(0)
  })
})
