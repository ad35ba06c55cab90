// Recordings end to end: main's core with the real SDK against the fake Realtime server, a
// spoken push-to-talk turn and an answer interrupted by Stop. The "renderer" is simulated as the
// real one behaves: it plays each item in order in real time and reports the played position
// every 50 ms (`playback.progress`), and on Stop it flushes, reports its final position, then
// asks main to interrupt. The WAV must hold, on the left, exactly the microphone audio that was
// sent (not what was sent while muted), and on the right exactly the audio that was played.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createHarkMain, type HarkCore } from '../../src/main/app/hark-main'
import { playedBytes } from '../../src/main/history/recording/played-audio'
import { CAPTURE_CHUNK_SAMPLES, PCM_BYTES_PER_SAMPLE } from '../../src/shared/pcm'
import { FakeCipher } from '../doubles/fake-controller'
import { readStereoWav, splitChannels } from '../doubles/stereo-wav'
import {
  FAKE_API_KEY,
  speechBytes,
  startFakeRealtimeServer,
  type FakeRealtimeServer
} from '../fake-realtime'

let server: FakeRealtimeServer
let core: HarkCore | null = null
let dir = ''

beforeEach(async () => {
  server = await startFakeRealtimeServer({
    speed: 0,
    reply: (turn) => (turn.trigger === 'audio' ? 'Blue sky.' : 'Once upon a time, a keeper.')
  })
  dir = await mkdtemp(join(tmpdir(), 'hark-recording-'))
  await writeFile(join(dir, 'settings.json'), JSON.stringify({ recordConversations: true }))
})

afterEach(async () => {
  await core?.dispose()
  core = null
  await server.close()
})

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Plays what main forwards, item after item, in real time; reports as the page does. */
function simulatedRenderer(hark: HarkCore): {
  received: Map<string, Uint8Array[]>
  playedMs: Map<string, number>
  stop: () => Promise<void>
} {
  const received = new Map<string, Uint8Array[]>()
  const playedMs = new Map<string, number>()
  let flushed = false
  hark.subscribe((channel, payload) => {
    if (channel !== 'audio.delta' || flushed) return
    const { itemId, pcm } = payload as { itemId: string; pcm: Uint8Array }
    received.set(itemId, [...(received.get(itemId) ?? []), pcm])
  })
  const bytesOf = (itemId: string): number =>
    (received.get(itemId) ?? []).reduce((sum, pcm) => sum + pcm.byteLength, 0)
  const ticker = setInterval(() => {
    const playing = [...received.keys()].find((id) => (playedMs.get(id) ?? 0) < bytesOf(id) / 48)
    if (playing === undefined) return
    const next = Math.min((playedMs.get(playing) ?? 0) + 50, bytesOf(playing) / 48)
    playedMs.set(playing, next)
    hark.handleSend('playback.progress', { itemId: playing, playedMs: next })
  }, 50)
  return {
    received,
    playedMs,
    /** Stop: flush, report the final position, then ask main to interrupt. */
    stop: async () => {
      clearInterval(ticker)
      flushed = true
      for (const [itemId, ms] of playedMs)
        hark.handleSend('playback.progress', { itemId, playedMs: ms, final: true })
      await hark.handleInvoke('session.interrupt', undefined)
    }
  }
}

function join2(parts: Uint8Array[]): Buffer {
  return Buffer.concat(
    parts.map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength))
  )
}

/** Where `part` sits in `channel`; every byte outside the parts listed must be silence. */
function expectOnlyThese(channel: Uint8Array, parts: Buffer[]): void {
  const haystack = Buffer.from(channel.buffer, channel.byteOffset, channel.byteLength)
  const rest = Buffer.from(haystack)
  let from = 0
  for (const part of parts) {
    const at = haystack.indexOf(part, from)
    expect(at, 'the part is in the channel, byte for byte, in order').toBeGreaterThanOrEqual(0)
    rest.fill(0, at, at + part.byteLength)
    from = at + part.byteLength
  }
  expect(rest.every((byte) => byte === 0)).toBe(true)
}

it('records the sent microphone audio on the left and exactly the played audio on the right', async () => {
  core = createHarkMain({
    userDataDir: dir,
    env: { OPENAI_API_KEY: FAKE_API_KEY, OPENAI_REALTIME_URL: server.url },
    cipher: new FakeCipher()
  })
  const hark = core
  const renderer = simulatedRenderer(hark)
  await hark.handleInvoke('session.start', undefined)

  // Turn 1, spoken: 20 ms chunks in real time while the key is held; one chunk while muted.
  const speech = speechBytes('What colour is the sky?')
  const chunkBytes = CAPTURE_CHUNK_SAMPLES * PCM_BYTES_PER_SAMPLE
  const sent: Uint8Array[] = []
  hark.handleSend('ptt.down', undefined)
  for (let offset = 0; offset < speech.byteLength; offset += chunkBytes) {
    const chunk = speech.slice(offset, offset + chunkBytes)
    if (offset === chunkBytes * 5) {
      await hark.handleInvoke('mic.setMuted', { muted: true })
      hark.handleSend('audio.append', new Uint8Array(chunkBytes).fill(0x55))
      await hark.handleInvoke('mic.setMuted', { muted: false })
    }
    hark.handleSend('audio.append', chunk)
    sent.push(chunk)
    await wait(20)
  }
  hark.handleSend('ptt.up', undefined)
  // The whole answer is played: wait until every item received was reported to its end.
  await expect
    .poll(
      () => {
        const ids = [...renderer.received.keys()]
        return (
          ids.length > 0 &&
          ids.every(
            (id) => renderer.playedMs.get(id) === join2(renderer.received.get(id)!).byteLength / 48
          )
        )
      },
      { timeout: 15_000, interval: 50 }
    )
    .toBe(true)
  const firstAnswer = [...renderer.received.keys()]
  await wait(300)

  // Turn 2, typed, interrupted by Stop after about 400 ms of it were heard.
  await hark.handleInvoke('session.sendText', { text: 'Tell me a story.' })
  await expect
    .poll(
      () =>
        [...renderer.playedMs.keys()].filter((id) => !firstAnswer.includes(id)).length > 0 &&
        Math.max(
          ...[...renderer.playedMs].filter(([id]) => !firstAnswer.includes(id)).map(([, ms]) => ms)
        ) >= 400,
      { timeout: 15_000, interval: 20 }
    )
    .toBe(true)
  await renderer.stop()
  const interrupted = [...renderer.playedMs.keys()].filter((id) => !firstAnswer.includes(id))
  expect(interrupted).toHaveLength(1)
  const interruptedId = interrupted[0]!
  const heardMs = renderer.playedMs.get(interruptedId)!
  expect(join2(renderer.received.get(interruptedId)!).byteLength).toBeGreaterThan(
    playedBytes(heardMs)
  )
  await wait(100)

  await hark.dispose()
  core = null
  const list = (await createHarkMain({
    userDataDir: dir,
    env: {},
    cipher: new FakeCipher()
  }).handleInvoke('history.list', undefined)) as { conversations: { recording?: string }[] }
  const name = list.conversations[0]?.recording
  expect(name).toMatch(/\.wav$/)
  const { left, right } = splitChannels(readStereoWav(join(dir, 'history', 'recordings', name!)))

  expectOnlyThese(left, [join2(sent)])
  const played = [
    ...firstAnswer.map((id) => join2(renderer.received.get(id)!)),
    join2(renderer.received.get(interruptedId)!).subarray(0, playedBytes(heardMs))
  ]
  expectOnlyThese(right, played)
  // The question comes before the answers on the timeline.
  const question = join2(sent)
  const leftEnd = Buffer.from(left).indexOf(question) + question.byteLength
  expect(Buffer.from(right).indexOf(played[0]!)).toBeGreaterThanOrEqual(leftEnd)
}, 40_000)
