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
}

// Plain JS: this runs in the page, and the bench's tsconfig has no DOM types.
const PROBE_SCRIPT = `(() => {
  const probe = { binary: [], progress: [], input: [], pttUp: [] }
  window.__harkBench = probe
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

/** Opens the app, enters the fake key and connects. */
export async function openApp(browser: Browser, url: string, key: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } })
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.addInitScript({ content: PROBE_SCRIPT })
  await page.goto(url)
  await page.getByLabel('OpenAI API key').fill(key)
  await page.getByRole('button', { name: /use key|save key/i }).click()
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
