// The per-turn cost and latency breakdown's own overhead in main: the TurnMetricsTracker fed the
// wire events of whole replies (created, 100 ms audio deltas, playback reports, done with usage),
// timed per event. It must cost nothing measurable next to the 20 ms between capture chunks.
import { EventEmitter } from 'node:events'
import { TurnMetricsTracker } from '../src/main/realtime/turn-metrics'

const REPLIES_PER_SAMPLE = 50
const DELTAS_PER_REPLY = 50
const SAMPLES = 40

const usage = {
  input_tokens: 900,
  output_tokens: 300,
  input_token_details: {
    text_tokens: 400,
    audio_tokens: 500,
    image_tokens: 0,
    cached_tokens: 600,
    cached_tokens_details: { text_tokens: 300, audio_tokens: 300, image_tokens: 0 }
  },
  output_token_details: { text_tokens: 50, audio_tokens: 250 }
}

/** Microseconds per wire event handled, one sample per batch of replies. */
export function measureTurnMetricsOverhead(): { microsecondsPerEvent: number[] } {
  const wire = new EventEmitter()
  let emitted = 0
  const tracker = new TurnMetricsTracker({
    model: 'gpt-realtime-2.1',
    transcriptionModel: 'gpt-realtime-whisper',
    emit: () => emitted++
  })
  tracker.attach(wire)
  const samples: number[] = []
  let reply = 0
  for (let sample = 0; sample < SAMPLES; sample++) {
    let events = 0
    const startedMs = performance.now()
    for (let r = 0; r < REPLIES_PER_SAMPLE; r++, reply++) {
      const responseId = `resp_${reply}`
      const itemId = `item_${reply}`
      tracker.userTurnEnded('key_up')
      wire.emit('response.created', { response: { id: responseId } })
      for (let d = 0; d < DELTAS_PER_REPLY; d++) {
        wire.emit('response.output_audio.delta', { response_id: responseId, item_id: itemId })
        tracker.played(itemId, d * 100)
      }
      wire.emit('response.done', { response: { id: responseId, usage } })
      events += 2 + DELTAS_PER_REPLY * 2
    }
    samples.push(((performance.now() - startedMs) * 1000) / events)
  }
  if (emitted === 0) throw new Error('the tracker emitted nothing')
  return { microsecondsPerEvent: samples }
}
