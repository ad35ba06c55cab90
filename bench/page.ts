// The Chromium side: launch with the fake microphone, an init script that only observes (it wraps
// WebSocket.send and listens for input events, timestamps in epoch ms), and clock alignment.
import { resolve } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import { makeFakeMicWav } from '../test/fixtures/fake-mic-wav'

export const root = resolve(import.meta.dirname, '..')

export interface PageProbe {
  /** Epoch ms of each binary (audio.append) frame the page sent, in order. */
  binary: number[]
  progress: { atMs: number; itemId: string; playedMs: number }[]
  input: { type: string; atMs: number }[]
  /** Epoch ms of each ptt.up the page sent. */
  pttUp: number[]
  player: PlayerProbe
}

/**
 * The playback worklet seen from both sides (bench only, injected by the probe): what the page
 * handed it, what it reported, and a tap after it on the audio thread. Times are epoch ms on the
 * page's clock; the tap's come from `Date.now()` on the audio thread (1 ms steps: the worklet
 * scope has no `performance`), moved onto the page's clock by the offset measured at start, and
 * centred in their millisecond.
 */
export interface PlayerProbe {
  /** First `audio` message per item handed to the worklet: the first delta at the player. */
  firstAudioAtMs: Record<string, number>
  receivedFrames: Record<string, number>
  /** The worklet's final played frames per item (its largest report). */
  playedFrames: Record<string, number>
  /** playing → buffering, then more audio of the same item: a gap in the middle, per item. */
  underruns: Record<string, number>
  /** Each `flush` message handed to the worklet (a barge-in or Stop). */
  flushAtMs: number[]
  /** From the tap: the first quantum with a non-zero sample after ≥ 200 ms of silence, and the
   * first all-zero quantum of a silence that lasted ≥ 200 ms. */
  tap: { type: 'sound' | 'silence'; atMs: number }[]
}

// Plain JS: this runs in the page, and the bench's tsconfig has no DOM types.
const TAP_PROCESSOR = `class HarkBenchTap extends AudioWorkletProcessor {
  constructor() {
    super()
    this.sounding = false
    this.silentFrames = 0
    this.silentSinceMs = 0
  }
  process(inputs) {
    const channel = inputs[0] && inputs[0][0]
    let sound = false
    if (channel) for (let i = 0; i < channel.length; i++) if (channel[i] !== 0) { sound = true; break }
    const atMs = Date.now()
    if (sound) {
      if (!this.sounding) this.port.postMessage({ type: 'sound', atMs })
      this.sounding = true
      this.silentFrames = 0
    } else {
      if (this.silentFrames === 0) this.silentSinceMs = atMs
      this.silentFrames += 128
      // Word pauses in the fake's speech are shorter: only a long silence is the end of sound.
      if (this.sounding && this.silentFrames >= sampleRate / 5) {
        this.sounding = false
        this.port.postMessage({ type: 'silence', atMs: this.silentSinceMs })
      }
    }
    return true
  }
}
registerProcessor('hark-bench-tap', HarkBenchTap)`

const PROBE_SCRIPT = `(() => {
  const player = { firstAudioAtMs: {}, receivedFrames: {}, playedFrames: {}, underruns: {}, flushAtMs: [], tap: [] }
  const probe = { binary: [], progress: [], input: [], pttUp: [], player }
  window.__harkBench = probe
  const pageNow = () => performance.timeOrigin + performance.now()
  // The tap's Date.now() is whole ms, truncated: read the offset just as Date.now() ticks and
  // centre the tap's times in their millisecond (+0.5), so that no run carries the fraction of a
  // millisecond the offset happened to be read at (up to ±0.5 ms on every tap time of a run).
  const tick = Date.now()
  let ticked = tick
  while (ticked === tick) ticked = Date.now()
  const dateToPageMs = pageNow() - ticked + 0.5
  const tapSource = URL.createObjectURL(new Blob([${JSON.stringify(TAP_PROCESSOR)}], { type: 'text/javascript' }))
  const Node = window.AudioWorkletNode
  const watchPlayback = (context, node) => {
    let itemId = null
    let state = 'idle'
    // Ran dry; a gap once more audio of the same item follows (not the end of its audio).
    let dryItemId = null
    const post = node.port.postMessage.bind(node.port)
    node.port.postMessage = (message, transfer) => {
      if (message && message.type === 'flush') player.flushAtMs.push(pageNow())
      if (message && message.type === 'audio') {
        if (dryItemId === message.itemId)
          player.underruns[dryItemId] = (player.underruns[dryItemId] || 0) + 1
        dryItemId = null
        itemId = message.itemId
        if (!(itemId in player.firstAudioAtMs)) player.firstAudioAtMs[itemId] = pageNow()
        player.receivedFrames[itemId] = (player.receivedFrames[itemId] || 0) + message.samples.length
      }
      return post(message, transfer)
    }
    node.port.addEventListener('message', (event) => {
      const m = event.data
      if (m.type === 'state') {
        if (state === 'playing' && m.state === 'buffering') dryItemId = itemId
        state = m.state
      } else if (m.type === 'progress')
        for (const r of m.reports)
          player.playedFrames[r.itemId] = Math.max(player.playedFrames[r.itemId] || 0, r.playedFrames)
    })
    context.audioWorklet.addModule(tapSource).then(() => {
      const tap = new Node(context, 'hark-bench-tap', { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] })
      tap.port.onmessage = (event) => player.tap.push({ type: event.data.type, atMs: event.data.atMs + dateToPageMs })
      node.connect(tap)
      // The tap writes nothing: silence added to the mix. Connected so that it is rendered.
      tap.connect(context.destination)
    })
  }
  window.AudioWorkletNode = class extends Node {
    constructor(context, name, options) {
      super(context, name, options)
      if (name === 'hark-playback') watchPlayback(context, this)
    }
  }
  const send = WebSocket.prototype.send
  WebSocket.prototype.send = function (data) {
    const atMs = performance.timeOrigin + performance.now()
    if (typeof data !== 'string') probe.binary.push(atMs)
    else if (data.includes('"ptt.up"')) probe.pttUp.push(atMs)
    else if (data.includes('"playback.progress"')) {
      try {
        const { payload } = JSON.parse(data)
        probe.progress.push({ atMs, itemId: payload.itemId, playedMs: payload.playedMs })
      } catch {}
    }
    return send.call(this, data)
  }
  for (const type of ['pointerdown', 'pointerup', 'keydown', 'keyup'])
    window.addEventListener(type, (e) => {
      probe.input.push({ type, atMs: performance.timeOrigin + e.timeStamp })
    }, true)
})()`

export function makeSpeechWav(): string {
  return makeFakeMicWav('bench-speech')
}

export function launchChromium(wav: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['HARK_CHROMIUM'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      `--use-file-for-fake-audio-capture=${wav}`
    ]
  })
}

/** Opens the app, enters the fake key and connects (unless `connect` is false). */
export async function openApp(
  browser: Browser,
  url: string,
  key: string,
  connect = true
): Promise<Page> {
  // The probe loads its tap worklet from a blob: URL, which the page's CSP refuses.
  const page = await browser.newPage({ viewport: { width: 900, height: 700 }, bypassCSP: true })
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.addInitScript({ content: PROBE_SCRIPT })
  await page.goto(url)
  await page.getByLabel('OpenAI API key').fill(key)
  await page.getByRole('button', { name: /use key|save key/i }).click()
  if (!connect) {
    await page.getByRole('button', { name: 'Connect', exact: true }).waitFor()
    return page
  }
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await page.getByRole('button', { name: 'Disconnect', exact: true }).waitFor()
  return page
}

export const nodeEpochMs = (): number => performance.timeOrigin + performance.now()

/** page epoch − node epoch, from the tightest of several round trips. */
export async function clockOffsetMs(page: Page): Promise<number> {
  let best = { rttMs: Infinity, offsetMs: 0 }
  for (let i = 0; i < 15; i++) {
    const before = nodeEpochMs()
    const pageMs = await page.evaluate<number>('performance.timeOrigin + performance.now()')
    const after = nodeEpochMs()
    if (after - before < best.rttMs)
      best = { rttMs: after - before, offsetMs: pageMs - (before + after) / 2 }
  }
  return best.offsetMs
}

export function readProbe(page: Page): Promise<PageProbe> {
  return page.evaluate<PageProbe>('window.__harkBench')
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
