// First audio after the user stops speaking, on each engine, against the fake servers in this
// process (issue 15). Both get the same synthetic question streamed at real time in 20 ms chunks:
// - Realtime API, push-to-talk: the user lets go when they stop, so "stopped" is the commit;
// - GPT-Live: there is no commit; the server hears the silence after the question, so "stopped"
//   is when the last chunk of speech was sent, and the server's turn detection is in the figure
//   (the fake waits for 500 ms of silence, like a typical server VAD).
// The fakes answer at once: this compares Hark's paths and the protocols' turn-taking, not
// OpenAI's models.
import { LiveEngine } from '../src/main/engines/live/live-engine'
import { RealtimeController } from '../src/main/realtime/controller'
import type { RealtimeControllerApi } from '../src/main/realtime/controller-api'
import { CAPTURE_CHUNK_MS } from '../src/shared/pcm'
import { chunked, silenceBytes, speechBytes } from '../test/fake-realtime/audio-fixtures'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../test/fake-realtime/index'
import { startFakeLiveServer } from '../test/fake-live/index'
import { testRealtimeConfig } from '../test/doubles/realtime-config'
import { sleep } from './page'

export interface EngineLatency {
  realtimeMs: number[]
  liveMs: number[]
}

const QUESTION = 'What is the weather like in Lisbon today'
/** Enough for the fake's 500 ms of silence, sent as a microphone would keep sending. */
const TRAILING_SILENCE_MS = 1200

/** Streams `bytes` at real time; resolves with performance.now() after the last chunk. */
async function streamAtRealTime(engine: RealtimeControllerApi, bytes: Uint8Array): Promise<number> {
  const startedMs = performance.now()
  let sent = 0
  for (const chunk of chunked(bytes)) {
    engine.appendAudio(chunk)
    sent++
    const dueMs = startedMs + sent * CAPTURE_CHUNK_MS
    await sleep(Math.max(0, dueMs - performance.now()))
  }
  return performance.now()
}

function nextAudio(engine: RealtimeControllerApi): Promise<number> {
  return new Promise((resolve) => {
    const unsubscribe = engine.subscribe((event) => {
      if (event.type !== 'audio') return
      unsubscribe()
      resolve(performance.now())
    })
  })
}

function turnDone(engine: RealtimeControllerApi): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = engine.subscribe((event) => {
      if (event.type !== 'response_done') return
      unsubscribe()
      resolve()
    })
  })
}

async function realtimeTurns(turns: number): Promise<number[]> {
  const server = await startFakeRealtimeServer({
    speed: 1,
    reply: () => 'Sunny and mild.',
    preamble: () => null
  })
  const controller = new RealtimeController(
    testRealtimeConfig(`${server.url}?model=gpt-realtime`, FAKE_API_KEY)
  )
  const samples: number[] = []
  try {
    await controller.start()
    for (let i = 0; i < turns; i++) {
      const audio = nextAudio(controller)
      const done = turnDone(controller)
      await streamAtRealTime(controller, speechBytes(QUESTION))
      const stoppedMs = performance.now()
      controller.commitUserTurn()
      samples.push((await audio) - stoppedMs)
      await done
    }
  } finally {
    await controller.stop()
    await server.close()
  }
  return samples
}

async function liveTurns(turns: number): Promise<number[]> {
  const server = await startFakeLiveServer({ speed: 1, reply: () => 'Sunny and mild.' })
  const engine = new LiveEngine(
    {
      apiKey: () => FAKE_API_KEY,
      url: server.url,
      model: 'gpt-live-1.1',
      voice: 'marin',
      instructions: ''
    },
    { turnIdleMs: 400 }
  )
  const samples: number[] = []
  try {
    await engine.start()
    for (let i = 0; i < turns; i++) {
      const audio = nextAudio(engine)
      const done = turnDone(engine)
      const stoppedMs = await streamAtRealTime(engine, speechBytes(QUESTION))
      await streamAtRealTime(engine, silenceBytes(TRAILING_SILENCE_MS))
      samples.push((await audio) - stoppedMs)
      await done
    }
  } finally {
    await engine.stop()
    await server.close()
  }
  return samples
}

export async function measureEngineLatency(turns: number): Promise<EngineLatency> {
  return { realtimeMs: await realtimeTurns(turns), liveMs: await liveTurns(turns) }
}
