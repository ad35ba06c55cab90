// Audio deltas are decoded once by the guarded socket and reach the SDK without their base64:
// every byte still reaches the player, and a delta the decoder will not vouch for takes the SDK's
// own path exactly as before.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ScriptServer } from '../../../test/doubles/script-server'
import {
  patternPcm,
  sendAudioChunks,
  sendResponseStart,
  startScriptServer
} from '../../../test/doubles/script-server'
import { decodeAudioDelta, malformedAudioDelta } from './audio-delta-decoder'
import { PlaybackAwareTransport } from './playback-aware-transport'

const delta = (base64: unknown): Record<string, unknown> => ({
  type: 'response.output_audio.delta',
  event_id: 'ev_1',
  response_id: 'resp_1',
  item_id: 'item_a',
  output_index: 0,
  content_index: 0,
  delta: base64
})

const bytesOf = (buffer: ArrayBuffer): number[] => [...new Uint8Array(buffer)]

describe('decodeAudioDelta', () => {
  it('decodes the PCM into an ArrayBuffer of its own and keeps every other field', () => {
    const pcm = patternPcm(100)
    const decoded = decodeAudioDelta(delta(Buffer.from(pcm).toString('base64')))
    expect(decoded).toBeDefined()
    expect(bytesOf(decoded?.pcm ?? new ArrayBuffer(0))).toEqual([...pcm])
    expect(decoded?.pcm.byteLength).toBe(pcm.byteLength)
    expect(JSON.parse(decoded?.text ?? '')).toEqual(delta(''))
  })

  it('keeps odd lengths and padding exact', () => {
    for (const length of [1, 2, 3, 4, 5, 4801]) {
      const pcm = patternPcm(100).subarray(0, length)
      const decoded = decodeAudioDelta(delta(Buffer.from(pcm).toString('base64')))
      expect(bytesOf(decoded?.pcm ?? new ArrayBuffer(0)), `${length} bytes`).toEqual([...pcm])
    }
  })

  it('decodes only a delta the SDK schema accepts: its ids strings, its indexes numbers', () => {
    const base64 = Buffer.from(patternPcm(20)).toString('base64')
    for (const [field, value] of [
      ['event_id', 1],
      ['response_id', null],
      ['item_id', undefined],
      ['output_index', '0'],
      ['content_index', {}],
      ['content_index', Infinity]
    ] as const) {
      const event = { ...delta(base64), [field]: value }
      expect(decodeAudioDelta(event), field).toBeUndefined()
      expect(malformedAudioDelta(event), field).toBe(true)
    }
    expect(malformedAudioDelta(delta(base64))).toBe(false)
    expect(malformedAudioDelta({ type: 'response.done' })).toBe(false)
  })

  it('gives the event as the SDK would emit it: all of it raw, the schema fields parsed', () => {
    const event = { ...delta(Buffer.from(patternPcm(20)).toString('base64')), obfuscation: 'x' }
    const decoded = decodeAudioDelta(event)
    expect(decoded?.raw).toEqual({ ...event, delta: '' })
    expect(decoded?.parsed).toEqual(delta(''))
  })

  it('leaves to the SDK what atob would judge differently or refuse', () => {
    for (const text of ['', 'AA!A', 'A=AA', 'AAAAAA==AAAA', '====', 'AB-_', 'AAA', ' AAAA', 42])
      expect(decodeAudioDelta(delta(text)), JSON.stringify(text)).toBeUndefined()
    expect(
      decodeAudioDelta({ type: 'response.output_audio_transcript.delta', delta: 'AAAA' })
    ).toBeUndefined()
  })
})

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function connected(): Promise<{
  server: ScriptServer
  transport: PlaybackAwareTransport
  audio: Uint8Array[]
  listenerErrors: string[]
  sdkDeltas: unknown[]
  wireDeltas: unknown[]
  rawDeltas: unknown[]
  unusable: string[]
}> {
  const server = await startScriptServer()
  const audio: Uint8Array[] = []
  const listenerErrors: string[] = []
  const unusable: string[] = []
  const transport = new PlaybackAwareTransport({
    url: server.url,
    hooks: {
      onAudio: ({ data }) => audio.push(new Uint8Array(data)),
      onInterrupted: () => undefined,
      onTruncated: () => undefined,
      onInternalError: () => undefined,
      onMalformedMessage: () => undefined,
      onListenerError: (_error, eventType) => listenerErrors.push(String(eventType)),
      onUnusableEvent: (eventType) => unusable.push(eventType)
    }
  })
  transport.on('error', () => undefined)
  const sdkDeltas: unknown[] = []
  const wireDeltas: unknown[] = []
  const rawDeltas: unknown[] = []
  transport.on('response.output_audio.delta', (event: unknown) => {
    sdkDeltas.push((event as { delta: unknown }).delta)
    wireDeltas.push(event)
  })
  transport.on('*', (event) => {
    if (event.type === 'response.output_audio.delta') rawDeltas.push(event)
  })
  cleanups.push(async () => {
    transport.close()
    await server.close()
  })
  await transport.connect({ apiKey: 'sk-test', url: server.url })
  return { server, transport, audio, listenerErrors, sdkDeltas, wireDeltas, rawDeltas, unusable }
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('PlaybackAwareTransport with audio decoded by the socket', () => {
  it('hands the player every byte, odd lengths included, while the SDK sees no base64', async () => {
    const h = await connected()
    const chunks = [patternPcm(100, 1), patternPcm(100, 2).subarray(0, 4801), patternPcm(20, 3)]
    sendResponseStart(h.server, { responseId: 'resp_1', itemId: 'item_a', chunks })
    await until(() => h.audio.length === chunks.length)
    expect(h.audio.map((bytes) => [...bytes])).toEqual(chunks.map((bytes) => [...bytes]))
    expect(h.sdkDeltas).toEqual(['', '', ''])
    expect(h.listenerErrors).toEqual([])
  })

  it('reports a delta that is not base64 and plays nothing of it, as the SDK did', async () => {
    const h = await connected()
    sendResponseStart(h.server, { responseId: 'resp_1', itemId: 'item_a', chunks: [] })
    h.server.send({ ...delta('AA!A'), event_id: 'ev_bad' })
    h.server.send({ ...delta(Buffer.from(patternPcm(20)).toString('base64')), event_id: 'ev_ok' })
    await until(() => h.audio.length === 1)
    expect(h.listenerErrors).toEqual(['response.output_audio.delta'])
    expect([...(h.audio[0] ?? [])]).toEqual([...patternPcm(20)])
  })

  it('emits for a decoded delta what the SDK emits for one it parses itself', async () => {
    const h = await connected()
    sendResponseStart(h.server, { responseId: 'resp_1', itemId: 'item_a', chunks: [] })
    const event = { ...delta(Buffer.from(patternPcm(20)).toString('base64')), obfuscation: 'x' }
    h.server.send(event)
    // Not base64, so the SDK parses this one itself (and its decoding then fails).
    h.server.send({ ...event, delta: 'AA!A' })
    await until(() => h.listenerErrors.length === 1)
    expect(h.audio).toHaveLength(1)
    const [decodedRaw, sdkRaw] = h.rawDeltas
    const [decodedWire, sdkWire] = h.wireDeltas
    expect(decodedRaw).toEqual({ ...(sdkRaw as object), delta: '' })
    expect(decodedWire).toEqual({ ...(sdkWire as object), delta: '' })
    expect(decodedWire).not.toHaveProperty('obfuscation')
    expect(decodedRaw).toHaveProperty('obfuscation', 'x')
  })

  it('does not parse or clone a decoded delta a second time', async () => {
    const h = await connected()
    const first = { responseId: 'resp_1', itemId: 'item_a', chunks: [patternPcm(20, 1)] }
    sendResponseStart(h.server, first)
    await until(() => h.audio.length === 1)
    // From here on only audio deltas arrive; every other event the SDK still clones.
    const clone = vi.spyOn(globalThis, 'structuredClone')
    try {
      const chunks = [patternPcm(20, 2), patternPcm(20, 3), patternPcm(20, 4)]
      sendAudioChunks(h.server, { ...first, chunks })
      await until(() => h.audio.length === 1 + chunks.length)
      expect(clone).not.toHaveBeenCalled()
      expect(h.sdkDeltas).toEqual(['', '', '', ''])
    } finally {
      clone.mockRestore()
    }
  })

  it('reports a delta whose fields the SDK would refuse (it dropped them silently)', async () => {
    const h = await connected()
    sendResponseStart(h.server, { responseId: 'resp_1', itemId: 'item_a', chunks: [] })
    const base64 = Buffer.from(patternPcm(20)).toString('base64')
    h.server.send({ ...delta(base64), item_id: 7 })
    h.server.send(delta(base64))
    await until(() => h.audio.length === 1)
    expect(h.unusable).toEqual(['response.output_audio.delta'])
    expect(h.listenerErrors).toEqual([])
  })
})
