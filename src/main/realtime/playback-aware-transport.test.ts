// The transport on its own against the scripted server, with the truncation hold on a manual
// clock: when a truncate goes out after a VAD barge-in, and when it must not.
import { afterEach, describe, expect, it } from 'vitest'
import { ManualTimers } from '../../../test/doubles/manual-timers'
import type { ScriptServer } from '../../../test/doubles/script-server'
import {
  patternPcm,
  sendAudioChunks,
  sendResponseEnd,
  sendResponseStart,
  startScriptServer
} from '../../../test/doubles/script-server'
import type { TransportHooks } from './playback-aware-transport'
import { PlaybackAwareTransport } from './playback-aware-transport'

type HookCall =
  | { hook: 'interrupted'; itemId: string | null }
  | { hook: 'truncated'; itemId: string; audioEndMs: number }
  | { hook: 'internalError'; error: unknown }

interface Harness {
  server: ScriptServer
  transport: PlaybackAwareTransport
  timers: ManualTimers
  calls: HookCall[]
  audioChunks: () => number
  /** Resolves once the transport has handled everything the server sent so far. */
  settle: () => Promise<void>
}

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function harness(): Promise<Harness> {
  const server = await startScriptServer()
  const timers = new ManualTimers()
  const calls: HookCall[] = []
  let audio = 0
  const hooks: TransportHooks = {
    onAudio: () => {
      audio++
    },
    onInterrupted: (itemId) => calls.push({ hook: 'interrupted', itemId }),
    onTruncated: (itemId, audioEndMs) => calls.push({ hook: 'truncated', itemId, audioEndMs }),
    onInternalError: (error) => calls.push({ hook: 'internalError', error }),
    onMalformedMessage: () => undefined,
    onListenerError: () => undefined,
    onUnusableEvent: () => undefined
  }
  const transport = new PlaybackAwareTransport({
    url: server.url,
    hooks,
    truncationHold: { timers, timeoutMs: 150, settleMs: 40 }
  })
  transport.on('error', () => undefined)
  cleanups.push(async () => {
    transport.close()
    await server.close()
  })
  let marker = 0
  const settle = async (): Promise<void> => {
    // A round trip: the server answers session.update with session.updated, in order.
    const count = server.ofType('session.update').length + 1
    const seen = new Promise<void>((resolve) => {
      const id = ++marker
      const listener = (event: unknown): void => {
        if ((event as { session?: { marker?: number } }).session?.marker !== id) return
        transport.off('session.updated', listener)
        resolve()
      }
      transport.on('session.updated', listener)
      transport.sendEvent({ type: 'session.update', session: { marker: id } })
    })
    await server.waitFor('session.update', count)
    await seen
  }
  await transport.connect({ apiKey: 'sk-test', url: server.url })
  return { server, transport, timers, calls, audioChunks: () => audio, settle }
}

const reply = {
  responseId: 'resp_1',
  itemId: 'item_a',
  chunks: [patternPcm(400, 1), patternPcm(400, 2), patternPcm(400, 3)]
}

async function playing(h: Harness): Promise<void> {
  sendResponseStart(h.server, reply)
  await h.settle()
  expect(h.audioChunks()).toBe(3)
  h.transport.reportPlayback('item_a', 500)
}

function speechStarted(h: Harness, itemId = 'item_u'): void {
  h.server.send({ type: 'input_audio_buffer.speech_started', item_id: itemId, audio_start_ms: 0 })
}

const sentTypes = (server: ScriptServer): string[] =>
  server.received.map((event) => event.type).filter((type) => type !== 'session.update')

describe('PlaybackAwareTransport: the truncate of a VAD barge-in waits for the flush report', () => {
  it('flushes and cancels at once, then truncates at the post-flush report', async () => {
    const h = await harness()
    await playing(h)
    speechStarted(h)
    await h.settle()
    expect(h.calls).toEqual([{ hook: 'interrupted', itemId: 'item_a' }])
    expect(sentTypes(h.server)).toEqual(['response.cancel'])
    // The renderer's flush reply: the position at the moment playback stopped.
    expect(h.transport.reportPlayback('item_a', 528.33, true)).toBe(true)
    expect(h.calls.at(-1)).toEqual({ hook: 'truncated', itemId: 'item_a', audioEndMs: 528 })
    const truncate = await h.server.waitFor('conversation.item.truncate')
    expect(truncate).toMatchObject({ item_id: 'item_a', content_index: 0, audio_end_ms: 528 })
    expect(h.timers.active).toBe(0)
    h.transport.reportPlayback('item_a', 530, true)
    h.timers.advance(1000)
    await h.settle()
    expect(h.server.ofType('conversation.item.truncate')).toHaveLength(1)
  })

  it('without a marker, sends once the reports went quiet', async () => {
    const h = await harness()
    await playing(h)
    speechStarted(h)
    await h.settle()
    h.transport.reportPlayback('item_a', 520)
    h.timers.advance(5)
    h.transport.reportPlayback('item_a', 525.4)
    h.timers.advance(39)
    expect(h.server.ofType('conversation.item.truncate')).toHaveLength(0)
    h.timers.advance(1)
    expect((await h.server.waitFor('conversation.item.truncate'))['audio_end_ms']).toBe(525)
  })

  it('falls back to the last report before the interrupt when the renderer stays silent', async () => {
    const h = await harness()
    await playing(h)
    speechStarted(h)
    await h.settle()
    h.timers.advance(149)
    expect(h.server.ofType('conversation.item.truncate')).toHaveLength(0)
    h.timers.advance(1)
    expect((await h.server.waitFor('conversation.item.truncate'))['audio_end_ms']).toBe(500)
  })

  it('ignores reports of other items while holding, and a second barge-in adds no truncate', async () => {
    const h = await harness()
    await playing(h)
    speechStarted(h)
    await h.settle()
    expect(h.transport.reportPlayback('item_old', 900, true)).toBe(false)
    speechStarted(h, 'item_u2')
    // Late deltas of the interrupted response are dropped; they do not restart the item.
    sendAudioChunks(h.server, { ...reply, chunks: [patternPcm(100, 9)] })
    speechStarted(h, 'item_u3')
    await h.settle()
    expect(h.audioChunks()).toBe(3)
    h.transport.reportPlayback('item_a', 540, true)
    h.timers.advance(1000)
    await h.settle()
    expect(h.server.ofType('conversation.item.truncate')).toEqual([
      expect.objectContaining({ item_id: 'item_a', audio_end_ms: 540 })
    ])
    expect(h.calls.filter((call) => call.hook === 'truncated')).toHaveLength(1)
  })

  it('sends what is held before a new response plays', async () => {
    const h = await harness()
    await playing(h)
    speechStarted(h)
    await h.settle()
    h.transport.reportPlayback('item_a', 512)
    sendResponseEnd(h.server, reply, 'cancelled')
    sendResponseStart(h.server, { responseId: 'resp_2', itemId: 'item_b', chunks: [] })
    await h.settle()
    expect((await h.server.waitFor('conversation.item.truncate'))['audio_end_ms']).toBe(512)
    expect(h.timers.active).toBe(0)
  })

  it('sends what is held before a response.create leaves', async () => {
    const h = await harness()
    await playing(h)
    speechStarted(h)
    await h.settle()
    sendResponseEnd(h.server, reply, 'cancelled')
    await h.settle()
    h.transport.requestResponse()
    await h.server.waitFor('response.create')
    expect(sentTypes(h.server)).toEqual([
      'response.cancel',
      'conversation.item.truncate',
      'response.create'
    ])
  })

  it('a fully heard item is not truncated, and nothing is held for it', async () => {
    const h = await harness()
    sendResponseStart(h.server, reply)
    sendResponseEnd(h.server, reply)
    await h.settle()
    h.transport.reportPlayback('item_a', 1200)
    speechStarted(h)
    await h.settle()
    expect(h.timers.active).toBe(0)
    expect(h.calls).toEqual([{ hook: 'interrupted', itemId: 'item_a' }])
    expect(sentTypes(h.server)).toEqual([])
  })

  it('a held truncate dies with its connection and never reaches the next one', async () => {
    const h = await harness()
    await playing(h)
    speechStarted(h)
    await h.settle()
    h.server.drop()
    await new Promise<void>((resolve) => {
      if (h.transport.status === 'disconnected') resolve()
      else h.transport.once('disconnected', () => resolve())
    })
    expect(h.timers.active).toBe(0)
    await h.transport.connect({ apiKey: 'sk-test', url: h.server.url })
    expect(h.transport.reportPlayback('item_a', 530, true)).toBe(false)
    h.timers.advance(1000)
    await h.settle()
    expect(h.server.ofType('conversation.item.truncate')).toHaveLength(0)
    expect(h.calls.filter((call) => call.hook !== 'interrupted')).toEqual([])
  })

  it('close() clears a held truncate and its timers', async () => {
    const h = await harness()
    await playing(h)
    speechStarted(h)
    await h.settle()
    h.transport.reportPlayback('item_a', 520)
    expect(h.timers.active).toBe(2)
    h.transport.close()
    expect(h.timers.active).toBe(0)
    h.transport.close()
    expect(h.calls.filter((call) => call.hook !== 'interrupted')).toEqual([])
  })

  it('Stop truncates at once: the renderer reported before asking', async () => {
    const h = await harness()
    await playing(h)
    h.transport.reportPlayback('item_a', 533.9)
    h.transport.interruptByUser()
    expect(h.calls).toEqual([
      { hook: 'interrupted', itemId: 'item_a' },
      { hook: 'truncated', itemId: 'item_a', audioEndMs: 533 }
    ])
    expect(h.timers.active).toBe(0)
    await h.server.waitFor('conversation.item.truncate')
    expect(sentTypes(h.server)).toEqual(['response.cancel', 'conversation.item.truncate'])
  })

  it('Stop during a held truncate sends the held one once, and nothing twice', async () => {
    const h = await harness()
    await playing(h)
    speechStarted(h)
    await h.settle()
    h.transport.reportPlayback('item_a', 515)
    h.transport.interruptByUser()
    h.timers.advance(1000)
    await h.settle()
    expect(h.server.ofType('conversation.item.truncate')).toEqual([
      expect.objectContaining({ item_id: 'item_a', audio_end_ms: 515 })
    ])
  })
})

describe('PlaybackAwareTransport audio upstream', () => {
  it('appends exactly the bytes given, base64 as the SDK encodes them, then commits', async () => {
    const h = await harness()
    const bytes = patternPcm(20, 3)
    h.transport.sendAudio(bytes.slice().buffer)
    h.transport.sendAudio(bytes.slice(0, 7).buffer, { commit: true })
    await h.server.waitFor('input_audio_buffer.commit')
    const appends = h.server.ofType('input_audio_buffer.append')
    expect(appends.map((e) => e['audio'])).toEqual([
      Buffer.from(bytes).toString('base64'),
      Buffer.from(bytes.subarray(0, 7)).toString('base64')
    ])
    expect(h.server.received.map((e) => e.type).slice(-3)).toEqual([
      'input_audio_buffer.append',
      'input_audio_buffer.append',
      'input_audio_buffer.commit'
    ])
  })

  it('sends no audio while disconnected, as the SDK does not', async () => {
    const h = await harness()
    h.transport.close()
    expect(() => h.transport.sendAudio(new ArrayBuffer(960))).not.toThrow()
    expect(h.server.ofType('input_audio_buffer.append')).toEqual([])
  })
})
