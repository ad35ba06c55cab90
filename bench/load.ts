// CPU and memory: the fake server runs in a child process so that this process holds only the
// browser host and the core (plus, for CPU, the idle Playwright client).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Browser } from '@playwright/test'
import type { IpcRouter } from '../src/main/app/hark-main'
import { createWebCore } from '../src/web-host/core'
import { startWebHost } from '../src/web-host/host'
import { FAKE_API_KEY } from '../test/fake-realtime/index'
import { openApp, root, sleep } from './page'
import type { Metric } from './stats'

const CPU_WINDOWS = 8
/** 20 ms of 24 kHz PCM16. */
const CHUNK_BYTES = 960

/** A 20 ms chunk of 24 kHz PCM16 with a fixed pattern, as the capture worklet would send. */
export function patternChunk(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(CHUNK_BYTES).map((_, i) => (i * 37) % 251)
}
const TURN_AUDIO_S = 30

export async function startFakeChild(
  speed: number,
  replyChars: number,
  /** Runs the session clock this much faster, with the 60-minute limit enforced. */
  sessionClockSpeed?: number
): Promise<{ url: string; child: ChildProcess }> {
  const args = ['bench/fake-child.ts', String(speed), String(replyChars)]
  if (sessionClockSpeed !== undefined) args.push(String(sessionClockSpeed))
  const child = spawn(resolve(root, 'node_modules/.bin/tsx'), args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  if (!child.stdout) throw new Error('bench: no stdout from the fake server')
  const lines = createInterface({ input: child.stdout })
  for await (const line of lines) {
    const { url } = JSON.parse(line) as { url: string }
    return { url, child }
  }
  throw new Error('bench: the fake server exited before printing its URL')
}

export async function withCore<T>(
  url: string,
  use: (dataDir: string, env: NodeJS.ProcessEnv) => Promise<T>
): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hark-bench-'))
  try {
    return await use(dataDir, { OPENAI_REALTIME_URL: url })
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

export async function cpuWindows(count: number): Promise<number[]> {
  const percentOfCore: number[] = []
  for (let i = 0; i < count; i++) {
    const startMs = performance.now()
    const start = process.cpuUsage()
    await sleep(1000)
    const used = process.cpuUsage(start)
    percentOfCore.push(((used.user + used.system) / ((performance.now() - startMs) * 1000)) * 100)
  }
  return percentOfCore
}

/** % of one core used by this process per 1 s window while audio streams up and a reply plays. */
export async function measureCpu(browser: Browser): Promise<{
  percentOfCore: number[]
  idlePercentOfCore: number[]
  upOnlyPercentOfCore: number[]
  deltasDown: number
  chunksUp: number
}> {
  // About 40 s of reply at real time: it is still playing when the windows end.
  const { url, child } = await startFakeChild(1, 600)
  try {
    let counting = false
    let deltasDown = 0
    let chunksUp = 0
    return await withCore(url, async (dataDir, env) => {
      const router = createWebCore(dataDir, env)
      const host = await startWebHost({
        port: 0,
        rendererDir: resolve(root, 'out/renderer'),
        router,
        // Counts what flowed during the windows, to show that it was streaming both ways.
        onObserve: (o) => {
          if (!counting) return
          if (o.kind === 'event' && o.channel === 'audio.delta') deltasDown++
          if (o.kind === 'send' && o.channel === 'audio.append') chunksUp++
        }
      })
      try {
        const page = await openApp(browser, host.url, FAKE_API_KEY)
        // Baseline: the same process with nothing streaming (Playwright client, timers, sockets).
        const idlePercentOfCore = await cpuWindows(3)
        await page.getByRole('button', { name: 'Hold to talk' }).hover()
        // Push-to-talk streams only while held, and a press interrupts the reply; so hold the
        // button and ask by text (as if typed, from here) to get audio flowing both ways at once.
        await page.mouse.down()
        await sleep(500)
        // Upstream alone first, to show where the cost goes.
        const upOnlyPercentOfCore = await cpuWindows(3)
        await router.handleInvoke('session.sendText', { text: 'Tell me a long story.' })
        await sleep(1500)
        counting = true
        const percentOfCore = await cpuWindows(CPU_WINDOWS)
        counting = false
        await page.mouse.up()
        await page.close()
        return { percentOfCore, idlePercentOfCore, upOnlyPercentOfCore, deltasDown, chunksUp }
      } finally {
        await host.close()
      }
    })
  } finally {
    child.kill('SIGTERM')
  }
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

/** Whether `count()` moved past `before` within `timeoutMs` (polled every 10 ms). */
export async function changedWithin(
  count: () => number,
  before: number,
  timeoutMs: number
): Promise<boolean> {
  const end = performance.now() + timeoutMs
  while (count() === before && performance.now() < end) await sleep(10)
  return count() !== before
}

/** No page plays the audio here: report every received item as played to its end. */
export function reportPlayedToEnd(router: IpcRouter, receivedBytes: Map<string, number>): void {
  for (const [itemId, bytes] of receivedBytes)
    router.handleSend('playback.progress', { itemId, playedMs: bytes / 48 })
  receivedBytes.clear()
}

/** Heap after GC per turn, minus its value after two warm-up turns (caches, JIT, SDK history). */
export function heapGrowthTracker(): { sample(turn: number): void; growthMb: number[] } {
  const gc = exposeGc()
  const heapMb = (): number => {
    gc()
    return process.memoryUsage().heapUsed / 2 ** 20
  }
  let baselineMb = 0
  const growthMb: number[] = []
  return {
    growthMb,
    sample(turn) {
      if (turn === 1) baselineMb = heapMb()
      if (turn > 1) growthMb.push(heapMb() - baselineMb)
    }
  }
}

/**
 * Heap growth over a sped-up conversation driven through the core's own router (no page): each
 * turn appends TURN_AUDIO_S of input as fast as it goes and receives a reply of about the same
 * length from the fake at full speed, then reports it played.
 */
export async function measureMemory(minutes: number): Promise<Metric[]> {
  const heap = heapGrowthTracker()
  const turns = Math.ceil((minutes * 60) / TURN_AUDIO_S)
  // 65 ms of speech per reply character (the fake's default).
  const { url, child } = await startFakeChild(0, Math.round((TURN_AUDIO_S * 1000) / 65))
  try {
    return await withCore(url, async (dataDir, env) => {
      const router = createWebCore(dataDir, env)
      let done = 0
      let timedOut = 0
      const playedBytes = new Map<string, number>()
      router.subscribe((channel, payload) => {
        if (channel === 'response.done') done++
        if (channel === 'audio.delta') {
          const { itemId, pcm } = payload as { itemId: string; pcm: Uint8Array }
          playedBytes.set(itemId, (playedBytes.get(itemId) ?? 0) + pcm.byteLength)
        }
      })
      await router.handleInvoke('key.set', { key: FAKE_API_KEY, persist: false })
      await router.handleInvoke('session.start', undefined)
      const chunk = patternChunk()
      for (let turn = 0; turn < turns + 2; turn++) {
        router.handleSend('ptt.down', undefined)
        for (let i = 0; i < (TURN_AUDIO_S * 1000) / 20; i++) {
          router.handleSend('audio.append', chunk.slice())
          if (i % 50 === 0) await new Promise((r) => setImmediate(r))
        }
        const before = done
        router.handleSend('ptt.up', undefined)
        if (!(await changedWithin(() => done, before, 20_000))) timedOut++
        reportPlayedToEnd(router, playedBytes)
        heap.sample(turn)
      }
      await router.dispose()
      return [
        {
          name: `heap growth over ${minutes} min each way`,
          samples: heap.growthMb,
          unit: 'MB',
          budget: 10,
          how: `core driven through its router (no page), fake at full speed in a child; ${turns} turns of ${TURN_AUDIO_S} s up + ~${TURN_AUDIO_S} s down; ${timedOut} replies timed out; heapUsed after GC minus after 2 warm-up turns, sampled per turn`
        }
      ]
    })
  } finally {
    child.kill('SIGTERM')
  }
}
