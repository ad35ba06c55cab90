// Speaks one assistant reply the way GPT-Live does on a primary WebSocket: paced
// `session.output_audio.delta` chunks (no timestamps on the primary socket) and
// `session.output_transcript.delta` fragments, one per word, each with `start_ms`/`end_ms` on the
// session timeline as its audio plays. There is no "done" event (reference §2): the reply simply
// stops. A barge-in or a closed session stops it early.
import { PCM_BYTES_PER_MS } from '../../src/shared/pcm'
import { base64 } from '../fake-realtime/audio-fixtures'
import { pcm16ToBytes, synthesizeSpeech } from '../fake-realtime/speech-synth'
import type { RecordedLiveTurn } from './recorder'
import type { LiveServerEventSink } from './server-events'

interface Fragment {
  text: string
  startMs: number
  endMs: number
}

/** Words get time in proportion to their characters, like the synthesizer's syllable plan. */
export function planFragments(text: string, startMs: number, durationMs: number): Fragment[] {
  const words = text.split(/(?<=\s)/).filter((w) => w.trim() !== '')
  const totalChars = words.reduce((sum, w) => sum + w.length, 0) || 1
  let cursor = 0
  return words.map((word) => {
    const from = startMs + Math.round((durationMs * cursor) / totalChars)
    cursor += word.length
    return {
      text: word,
      startMs: from,
      endMs: startMs + Math.round((durationMs * cursor) / totalChars)
    }
  })
}

export class ReplySpeaker {
  private timer: NodeJS.Timeout | null = null
  private stopped = false

  constructor(
    private readonly sink: LiveServerEventSink,
    private readonly turn: RecordedLiveTurn,
    private readonly pacing: { chunkMs: number; intervalMs: number | null; msPerChar: number },
    private readonly onFinished: () => void
  ) {}

  start(): void {
    const pcm = pcm16ToBytes(
      synthesizeSpeech(this.turn.replyText, { msPerChar: this.pacing.msPerChar })
    )
    const durationMs = pcm.byteLength / PCM_BYTES_PER_MS
    const fragments = planFragments(this.turn.replyText, this.turn.startMs, durationMs)
    const chunkBytes = this.pacing.chunkMs * PCM_BYTES_PER_MS
    let offset = 0
    const step = (): void => {
      if (this.stopped) return
      const end = Math.min(pcm.byteLength, offset + chunkBytes)
      const chunkEndMs = this.turn.startMs + end / PCM_BYTES_PER_MS
      // Caption fragments whose audio starts in this chunk go out with it.
      for (
        let fragment = fragments[0];
        fragment && fragment.startMs < chunkEndMs;
        fragment = fragments[0]
      ) {
        fragments.shift()
        this.sink.send({
          type: 'session.output_transcript.delta',
          event_id: this.sink.nextEventId(),
          delta: fragment.text,
          start_ms: fragment.startMs,
          end_ms: fragment.endMs
        })
      }
      const chunk = pcm.subarray(offset, end)
      this.turn.chunks.push(chunk)
      this.sink.send({ type: 'session.output_audio.delta', delta: base64(chunk) })
      offset = end
      if (offset >= pcm.byteLength) return this.finish('done')
      if (this.pacing.intervalMs === null) setImmediate(step)
      else this.timer = setTimeout(step, this.pacing.intervalMs)
    }
    step()
  }

  /** Barge-in or a closed session: no more audio from this reply. */
  stop(status: 'interrupted' | 'disconnected'): void {
    if (this.stopped) return
    if (this.timer) clearTimeout(this.timer)
    this.finish(status)
  }

  private finish(status: 'done' | 'interrupted' | 'disconnected'): void {
    this.stopped = true
    this.turn.status = status
    this.onFinished()
  }
}
