// Playout of a reply paced in real time (20 ms chunks every 20 ms, as some servers and relays
// send): how soon the first sound comes out of the playback worklet, how often it runs dry, and
// whether every sample was played. Measured at the player: the page hands the worklet its first
// delta → the tap after the worklet sees the first non-zero quantum on the audio thread.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser } from '@playwright/test'
import { createWebCore } from '../src/web-host/core'
import { startWebHost } from '../src/web-host/host'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../test/fake-realtime/index'
import type { RecordedResponse } from '../test/fake-realtime/recorder'
import { openApp, readProbe, root, sleep, type PlayerProbe } from './page'

export interface PlayoutSamples {
  firstSoundMs: number[]
  gaps: number[]
  samplesLost: number[]
}

const PACED_CHUNK_MS = 20
/** About 1.5 s of speech per reply at the fake's 65 ms per character. */
const REPLY = 'A reply paced in real time for the bench.'

/** Leading samples of the reply that are zero: content, not latency. */
export function leadingSilenceMs(response: RecordedResponse | undefined): number {
  const audio = response?.audio
  if (!audio) return 0
  const samples = new Int16Array(audio.buffer, audio.byteOffset, Math.floor(audio.byteLength / 2))
  const first = samples.findIndex((s) => s !== 0)
  return first < 0 ? 0 : first / 24
}

/** First delta at the player → the tap's first sound after it, less the reply's own silence. */
export function firstSoundMs(
  player: PlayerProbe,
  itemId: string,
  response: RecordedResponse | undefined
): number | undefined {
  const atMs = player.firstAudioAtMs[itemId]
  if (atMs === undefined) return undefined
  // The tap's times are whole ms (Date.now() on the audio thread): allow that much before.
  const sound = player.tap.find((event) => event.type === 'sound' && event.atMs >= atMs - 1)
  return sound && Math.max(0, sound.atMs - atMs - leadingSilenceMs(response))
}

export async function measurePacedPlayout(
  browser: Browser,
  turns: number
): Promise<PlayoutSamples> {
  const fake = await startFakeRealtimeServer({
    speed: 1,
    chunkMs: PACED_CHUNK_MS,
    // One item per reply, timed and counted (no random preamble items).
    preamble: () => null,
    reply: () => REPLY
  })
  const dataDir = await mkdtemp(join(tmpdir(), 'hark-bench-'))
  const router = createWebCore(dataDir, { OPENAI_REALTIME_URL: fake.url })
  const host = await startWebHost({ port: 0, rendererDir: resolve(root, 'out/renderer'), router })
  const samples: PlayoutSamples = { firstSoundMs: [], gaps: [], samplesLost: [] }
  try {
    const page = await openApp(browser, host.url, FAKE_API_KEY)
    for (let turn = 0; turn < turns; turn++) {
      const before = fake.responses.length
      await router.handleInvoke('session.sendText', { text: `Turn ${turn}` })
      const end = performance.now() + 15_000
      let done = false
      while (!done && performance.now() < end) {
        await sleep(100)
        const response = fake.responses[before]
        const itemId = response?.itemId
        if (!response?.isFinished || !itemId) continue
        const { player } = await readProbe(page)
        const sentFrames = response.audio.byteLength / 2
        // Played out, and the tap has seen the silence after it.
        done =
          (player.playedFrames[itemId] ?? 0) >= sentFrames && player.tap.at(-1)?.type === 'silence'
      }
      // A pause between replies, as between turns of a conversation.
      await sleep(300)
    }
    const { player } = await readProbe(page)
    for (const response of fake.responses) {
      const itemId = response.itemId
      if (!itemId) continue
      const sound = firstSoundMs(player, itemId, response)
      if (sound !== undefined) samples.firstSoundMs.push(sound)
      samples.gaps.push(player.underruns[itemId] ?? 0)
      samples.samplesLost.push(response.audio.byteLength / 2 - (player.playedFrames[itemId] ?? 0))
    }
    await page.close()
  } finally {
    await host.close()
    await fake.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  return samples
}
