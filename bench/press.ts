// What a press costs before the first word is captured and sent (issue 13): from disconnected
// (the press connects, main holds the audio until the session is up), and connected with the
// microphone closed (push-to-talk's default: it opens on the press) or kept ready.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { CAPTURE_CHUNK_MS } from '../src/shared/pcm'
import { createWebCore } from '../src/web-host/core'
import { startWebHost } from '../src/web-host/host'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../test/fake-realtime/index'
import { waitUntil } from './latency'
import { clockOffsetMs, openApp, readProbe, root, sleep } from './page'

export interface PressSamples {
  /** Pointerdown → first sample of the first chunk the page sends (chunk hand-off − 20 ms). */
  disconnectedCaptureMs: number[]
  /** Pointerdown → the fake server receives the first input_audio_buffer.append. */
  disconnectedWireMs: number[]
  closedCaptureMs: number[]
  readyCaptureMs: number[]
}

const HOLD_MS = 300

/** One press and release; returns the page-clock pointerdown and first chunk hand-off. */
async function pressOnce(page: Page): Promise<{ downMs: number; firstChunkMs: number }> {
  const before = (await readProbe(page)).binary.length
  await page.getByRole('button', { name: 'Hold to talk' }).hover()
  await page.mouse.down()
  await sleep(HOLD_MS)
  await page.mouse.up()
  const probe = await readProbe(page)
  const downMs = probe.input.filter((i) => i.type === 'pointerdown').at(-1)?.atMs ?? NaN
  return { downMs, firstChunkMs: probe.binary[before] ?? NaN }
}

async function setKeepReady(page: Page, on: boolean): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await page.getByRole('checkbox', { name: 'Keep the microphone ready' }).setChecked(on)
  await page.getByRole('button', { name: 'Save settings' }).click()
  await page.getByText('Saved.').waitFor()
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
}

export async function measurePress(browser: Browser, turns: number): Promise<PressSamples> {
  const fake = await startFakeRealtimeServer({ speed: 6, preamble: () => null })
  const dataDir = await mkdtemp(join(tmpdir(), 'hark-bench-press-'))
  const host = await startWebHost({
    port: 0,
    rendererDir: resolve(root, 'out/renderer'),
    router: createWebCore(dataDir, { OPENAI_REALTIME_URL: fake.url })
  })
  const samples: PressSamples = {
    disconnectedCaptureMs: [],
    disconnectedWireMs: [],
    closedCaptureMs: [],
    readyCaptureMs: []
  }
  const appends = (): number[] =>
    fake.clientEvents
      .filter((e) => e.type === 'input_audio_buffer.append')
      .map((e) => e.receivedAtMs)
  const creates = (): number => fake.clientEvents.filter((e) => e.type === 'response.create').length
  try {
    const page = await openApp(browser, host.url, FAKE_API_KEY, false)
    const offsetMs = await clockOffsetMs(page)
    const serverToPageMs = (receivedAtMs: number): number =>
      performance.timeOrigin + receivedAtMs + offsetMs
    const connectButton = page.getByRole('button', { name: 'Connect', exact: true })
    const disconnectButton = page.getByRole('button', { name: 'Disconnect', exact: true })
    for (let turn = 0; turn < turns; turn++) {
      await connectButton.waitFor()
      const appendsBefore = appends().length
      const createsBefore = creates()
      const { downMs, firstChunkMs } = await pressOnce(page)
      await waitUntil(() => creates() > createsBefore)
      samples.disconnectedCaptureMs.push(firstChunkMs - CAPTURE_CHUNK_MS - downMs)
      const firstAppend = appends()[appendsBefore]
      if (firstAppend !== undefined)
        samples.disconnectedWireMs.push(serverToPageMs(firstAppend) - downMs)
      await sleep(300)
      await disconnectButton.click()
    }
    await connectButton.click()
    await disconnectButton.waitFor()
    for (const [keepReady, into] of [
      [false, samples.closedCaptureMs],
      [true, samples.readyCaptureMs]
    ] as const) {
      await setKeepReady(page, keepReady)
      for (let turn = 0; turn < turns; turn++) {
        // The microphone is open (or closed) again between presses.
        await sleep(400)
        const createsBefore = creates()
        const { downMs, firstChunkMs } = await pressOnce(page)
        await waitUntil(() => creates() > createsBefore)
        into.push(firstChunkMs - CAPTURE_CHUNK_MS - downMs)
        await sleep(300)
      }
    }
    await page.close()
  } finally {
    await host.close()
    await fake.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  return samples
}
