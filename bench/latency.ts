// The latency lines of docs/architecture.md, "Budgets" from one push-to-talk conversation in the real renderer: each
// turn holds "Hold to talk" while the fake mic speaks, releases, lets the reply play, then presses
// again (barge-in), which interrupts and truncates the reply.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { createWebCore } from '../src/web-host/core'
import { startWebHost } from '../src/web-host/host'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../test/fake-realtime/index'
import { clockOffsetMs, nodeEpochMs, openApp, readProbe, root, sleep } from './page'
import type { PlayerProbe } from './page'
import { firstSoundMs } from './playout'

export interface LatencySamples {
  captureToAppendMs: number[]
  keyUpToCreateMs: number[]
  firstDeltaToSoundMs: number[]
  interruptToSilenceMs: number[]
  /** First delta handed to the worklet → the tap's first non-zero quantum (speed 6: a burst). */
  firstSoundBurstMs: number[]
  /** Pointerdown → the tap's first all-zero quantum of the silence that follows. */
  interruptToAudioSilenceMs: number[]
  truncationErrorFrames: number[]
  /** Diagnostic parts of key up → response.create: pointerup → ptt.up leaves the page (page
   * clock), and ptt.up at the host → response.create at the server (node clock). */
  keyUpToPttUpSentMs: number[]
  pttUpAtHostToCreateMs: number[]
  /** Diagnostic part: ptt.up leaves the page → the host receives it (page → node clock). */
  pttUpHopMs: number[]
  /** Diagnostic part of interrupt → silence: pointerdown → audio.flush sent by the host. */
  downToFlushAtHostMs: number[]
  /** Diagnostic part of interrupt → silence (audio): pointerdown → the page posts the flush. */
  downToFlushPostedMs: number[]
}

const HOLD_MS = 500
/**
 * One long word: the fake's speech has a 59 ms pause between words, and the default reply ("I
 * heard 0.5 seconds of audio.") has one 443 ms in, where the barge-in after 400 ms played landed
 * in most turns. The tap then saw a silence that had begun before the press (counted as 0) or
 * one the pause began, not the flush: the audio line measured the speech, not the interrupt.
 */
const BARGE_REPLY = `Hm${'m'.repeat(40)}.`
/** Played audio before the barge-in, so that the reply is mid-stream when interrupted. */
const PLAY_BEFORE_BARGE_MS = 400

async function press(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Hold to talk' }).hover()
  await page.mouse.down()
}

export async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > end) throw new Error('bench: timed out')
    await sleep(5)
  }
}

/**
 * Press → the start of the lasting silence (≥ 200 ms, the tap's rule) that follows it; 0 when the
 * press fell in a pause of the speech that the flush then made lasting. Tap times are whole ms.
 */
export function silenceAfterMs(tap: PlayerProbe['tap'], pressAtMs: number): number | undefined {
  const next = tap.findIndex((event) => event.atMs >= pressAtMs - 1)
  const before = next === -1 ? tap.at(-1) : tap[next - 1]
  if (before?.type === 'silence') return 0
  const silence = tap.slice(next === -1 ? tap.length : next).find((e) => e.type === 'silence')
  return silence && Math.max(0, silence.atMs - pressAtMs)
}

export async function measureLatency(browser: Browser, turns: number): Promise<LatencySamples> {
  const fake = await startFakeRealtimeServer({
    speed: 6,
    preamble: () => null,
    reply: () => BARGE_REPLY
  })
  const dataDir = await mkdtemp(join(tmpdir(), 'hark-bench-'))
  // Node-clock epoch of each observation, taken synchronously when the host reports it.
  const appendsAtHost: { atMs: number; base64: string }[] = []
  const firstDeltaAtMs = new Map<string, number>()
  const progress = new Map<string, number>()
  const pttUpAtHostMs: number[] = []
  const flushAtHostMs: number[] = []
  const host = await startWebHost({
    port: 0,
    rendererDir: resolve(root, 'out/renderer'),
    router: createWebCore(dataDir, { OPENAI_REALTIME_URL: fake.url }),
    onObserve: (o) => {
      const atMs = nodeEpochMs()
      if (o.kind === 'send' && o.channel === 'audio.append')
        appendsAtHost.push({
          atMs,
          base64: Buffer.from(o.payload as Uint8Array).toString('base64')
        })
      if (o.kind === 'send' && o.channel === 'ptt.up') pttUpAtHostMs.push(atMs)
      if (o.kind === 'event' && o.channel === 'audio.flush') flushAtHostMs.push(atMs)
      if (o.kind === 'send' && o.channel === 'playback.progress') {
        const { itemId, playedMs } = o.payload as { itemId: string; playedMs: number }
        progress.set(itemId, Math.max(progress.get(itemId) ?? 0, playedMs))
      }
      if (o.kind === 'event' && o.channel === 'audio.delta') {
        const { itemId } = o.payload as { itemId: string }
        if (!firstDeltaAtMs.has(itemId)) firstDeltaAtMs.set(itemId, atMs)
      }
    }
  })
  const samples: LatencySamples = {
    captureToAppendMs: [],
    keyUpToCreateMs: [],
    firstDeltaToSoundMs: [],
    interruptToSilenceMs: [],
    firstSoundBurstMs: [],
    interruptToAudioSilenceMs: [],
    truncationErrorFrames: [],
    keyUpToPttUpSentMs: [],
    pttUpAtHostToCreateMs: [],
    pttUpHopMs: [],
    downToFlushAtHostMs: [],
    downToFlushPostedMs: []
  }
  try {
    const page = await openApp(browser, host.url, FAKE_API_KEY)
    const offsetMs = await clockOffsetMs(page)
    const toNodeMs = (pageMs: number): number => pageMs - offsetMs
    const serverEpochMs = (receivedAtMs: number): number => performance.timeOrigin + receivedAtMs
    const creates = (): number[] =>
      fake.clientEvents.filter((e) => e.type === 'response.create').map((e) => e.receivedAtMs)
    const barged: string[] = []
    for (let turn = 0; turn < turns; turn++) {
      const createsBefore = creates().length
      const responsesBefore = fake.responses.length
      await press(page)
      await sleep(HOLD_MS)
      await page.mouse.up()
      await waitUntil(() => creates().length > createsBefore)
      const probe = await readProbe(page)
      const up = probe.input.filter((i) => i.type === 'pointerup').at(-1)
      const create = creates()[createsBefore]
      const upAtHostMs = pttUpAtHostMs[turn]
      const upSentMs = probe.pttUp[turn]
      if (up && upSentMs !== undefined) samples.keyUpToPttUpSentMs.push(upSentMs - up.atMs)
      if (upSentMs !== undefined && upAtHostMs !== undefined)
        samples.pttUpHopMs.push(upAtHostMs - toNodeMs(upSentMs))
      if (upAtHostMs !== undefined && create !== undefined)
        samples.pttUpAtHostToCreateMs.push(serverEpochMs(create) - upAtHostMs)
      if (up && create !== undefined)
        samples.keyUpToCreateMs.push(serverEpochMs(create) - toNodeMs(up.atMs))
      await waitUntil(() => (fake.responses[responsesBefore]?.itemId ?? null) !== null)
      const itemId = fake.responses[responsesBefore]?.itemId ?? ''
      await waitUntil(() => (progress.get(itemId) ?? 0) >= PLAY_BEFORE_BARGE_MS)
      barged.push(itemId)
    }
    // One more press interrupts the last reply, so every turn has a barge-in.
    await press(page)
    await sleep(300)
    await page.mouse.up()
    await sleep(300)
    const probe = await readProbe(page)
    const truncates = fake.clientEvents.filter((e) => e.type === 'conversation.item.truncate')

    for (const itemId of barged) {
      const reports = probe.progress.filter((p) => p.itemId === itemId)
      const firstSound = reports.find((p) => p.playedMs > 0)
      const deltaAtMs = firstDeltaAtMs.get(itemId)
      if (firstSound && deltaAtMs !== undefined)
        samples.firstDeltaToSoundMs.push(
          toNodeMs(firstSound.atMs - firstSound.playedMs) - deltaAtMs
        )
      const finalMs = Math.max(0, ...reports.map((p) => p.playedMs))
      const truncate = truncates.find((e) => e.event.item_id === itemId)
      if (truncate) {
        const endMs = truncate.event.audio_end_ms as number
        samples.truncationErrorFrames.push(Math.abs(endMs * 24 - Math.round(finalMs * 24)))
      }
      // The press that barged in: the first pointerdown after this item's first sound.
      const down = probe.input.find(
        (i) => i.type === 'pointerdown' && firstSound !== undefined && i.atMs > firstSound.atMs
      )
      const silent = reports.find(
        (p) => down !== undefined && p.atMs >= down.atMs && p.playedMs === finalMs
      )
      if (down && silent) samples.interruptToSilenceMs.push(silent.atMs - down.atMs)
      const sound = firstSoundMs(
        probe.player,
        itemId,
        fake.responses.find((r) => r.itemId === itemId)
      )
      if (sound !== undefined) samples.firstSoundBurstMs.push(sound)
      const silentMs = down && silenceAfterMs(probe.player.tap, down.atMs)
      if (silentMs !== undefined) samples.interruptToAudioSilenceMs.push(silentMs)
      const posted = probe.player.flushAtMs.find((atMs) => down !== undefined && atMs >= down.atMs)
      if (down && posted !== undefined) samples.downToFlushPostedMs.push(posted - down.atMs)
      const flushAtMs = flushAtHostMs.find((atMs) => down && atMs >= toNodeMs(down.atMs))
      if (down && flushAtMs !== undefined)
        samples.downToFlushAtHostMs.push(flushAtMs - toNodeMs(down.atMs))
    }

    // Page hand-off of chunk i ↔ host receipt i (same socket, in order) ↔ the server append
    // carrying the same bytes (the core appends each chunk as it is, in order).
    let hostIndex = 0
    const appends = fake.clientEvents.filter((e) => e.type === 'input_audio_buffer.append')
    for (const append of appends) {
      const audio = append.event.audio as string
      while (hostIndex < appendsAtHost.length && appendsAtHost[hostIndex]?.base64 !== audio)
        hostIndex++
      const pageAtMs = probe.binary[hostIndex]
      if (pageAtMs === undefined) break
      samples.captureToAppendMs.push(serverEpochMs(append.receivedAtMs) - toNodeMs(pageAtMs))
      hostIndex++
    }
    await page.close()
  } finally {
    await host.close()
    await fake.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  return samples
}
