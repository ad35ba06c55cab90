// Main-process CPU without a page (docs/architecture.md, "Budgets"): the core driven through its router exactly as
// Electron's IPC would drive it (a 20 ms chunk every 20 ms while a reply streams down), beside a
// floor: a bare `ws` client doing the same traffic with no Hark code at all. Electron's own IPC
// cost in main cannot be measured here (no Electron binary); the page-driven line in load.ts
// shows the browser host's WebSocket, which stands in for it.
import { FAKE_API_KEY, RawClient } from '../test/fake-realtime/index'
import { cpuWindows, patternChunk, startFakeChild, withCore } from './load'
import { sleep } from './page'
import { createWebCore } from '../src/web-host/core'

const CPU_WINDOWS = 8
const CHUNK_INTERVAL_MS = 20
/** About 40 s of reply at real time: still streaming when the windows end. */
const REPLY_CHARS = 600

export interface CoreCpu {
  percentOfCore: number[]
  floorPercentOfCore: number[]
  /** Audio deltas the bare client received during its windows: it streamed both ways too. */
  floorDeltasDown: number
  chunksUp: number
  deltasDown: number
  /** The same windows over a process doing nothing but wake every 20 ms: this machine's cost of
   * the wake-ups alone, which the traffic brings to any process (IPC in, deltas in). */
  wakeOnlyPercentOfCore: number[]
}

/** The core (SDK, transport, session manager, router) at real-time rates, no page. */
async function coreWindows(): Promise<
  Omit<CoreCpu, 'floorPercentOfCore' | 'floorDeltasDown' | 'wakeOnlyPercentOfCore'>
> {
  const { url, child } = await startFakeChild(1, REPLY_CHARS)
  try {
    return await withCore(url, async (dataDir, env) => {
      const router = createWebCore(dataDir, env)
      let counting = false
      let chunksUp = 0
      let deltasDown = 0
      router.subscribe((channel) => {
        if (counting && channel === 'audio.delta') deltasDown++
      })
      await router.handleInvoke('key.set', { key: FAKE_API_KEY, persist: false })
      await router.handleInvoke('session.start', undefined)
      router.handleSend('ptt.down', undefined)
      const chunk = patternChunk()
      const timer = setInterval(() => {
        // A fresh buffer per chunk, as IPC delivers one.
        router.handleSend('audio.append', chunk.slice())
        if (counting) chunksUp++
      }, CHUNK_INTERVAL_MS)
      try {
        await router.handleInvoke('session.sendText', { text: 'Tell me a long story.' })
        await sleep(1500)
        counting = true
        const percentOfCore = await cpuWindows(CPU_WINDOWS)
        counting = false
        return { percentOfCore, chunksUp, deltasDown }
      } finally {
        clearInterval(timer)
        await router.dispose()
      }
    })
  } finally {
    child.kill('SIGTERM')
  }
}

/** The same wire traffic from a bare `ws` client: what any process doing this work pays here. */
async function floorWindows(): Promise<{ percentOfCore: number[]; deltasDown: number }> {
  const { url, child } = await startFakeChild(1, REPLY_CHARS)
  try {
    const client = await RawClient.connect(url, { apiKey: FAKE_API_KEY })
    // As the core's push-to-talk session: without turn detection. Under the server VAD the fake
    // hears the chunks as speech and cancels the reply, and nothing would stream down.
    client.send({
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { turn_detection: null } } }
    })
    const chunk = Buffer.from(patternChunk())
    const timer = setInterval(() => {
      client.send({ type: 'input_audio_buffer.append', audio: chunk.toString('base64') })
    }, CHUNK_INTERVAL_MS)
    try {
      client.send({
        type: 'conversation.item.create',
        item: {
          type: 'message',
          role: 'user',
          content: [{ type: 'input_text', text: 'Tell me a long story.' }]
        }
      })
      client.send({ type: 'response.create' })
      await sleep(1500)
      // Keep only the count: a long run must not measure a growing array.
      client.events.length = 0
      const percentOfCore = await cpuWindows(CPU_WINDOWS)
      const deltasDown = client.ofType('response.output_audio.delta').length
      return { percentOfCore, deltasDown }
    } finally {
      clearInterval(timer)
      client.socket.close()
    }
  } finally {
    child.kill('SIGTERM')
  }
}

/** An empty 20 ms timer: what waking 50 times a second costs here, with no work at all. */
async function wakeOnlyWindows(): Promise<number[]> {
  const timer = setInterval(() => undefined, CHUNK_INTERVAL_MS)
  try {
    return await cpuWindows(3)
  } finally {
    clearInterval(timer)
  }
}

export async function measureCoreCpu(): Promise<CoreCpu> {
  const core = await coreWindows()
  const floor = await floorWindows()
  const wakeOnlyPercentOfCore = await wakeOnlyWindows()
  return {
    ...core,
    floorPercentOfCore: floor.percentOfCore,
    floorDeltasDown: floor.deltasDown,
    wakeOnlyPercentOfCore
  }
}
