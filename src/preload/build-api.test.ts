import { describe, expect, it } from 'vitest'
import { apiPath, channelsOfKind, MAX_IPC_MESSAGE_BYTES, type EventChannel } from '../shared/ipc'
import { MAX_RENDERER_MESSAGE_BYTES } from '../shared/ipc-channels'
import { unwrapHarkApi } from '../shared/hark-api'
import { HarkError } from '../shared/ipc-errors'
import { buildHarkApi, type HarkTransport } from './build-api'

function recorder(
  reply: (channel: string) => Promise<unknown> = () => Promise.resolve({ ok: true, value: 'ok' })
): {
  transport: HarkTransport
  log: unknown[][]
  listeners: Map<string, (payload: unknown) => void>
} {
  const log: unknown[][] = []
  const listeners = new Map<string, (payload: unknown) => void>()
  return {
    log,
    listeners,
    transport: {
      invoke: (channel, request) => {
        log.push(['invoke', channel, request])
        return reply(channel)
      },
      send: (channel, payload) => log.push(['send', channel, payload]),
      listen: (channel, listener) => {
        listeners.set(channel, listener)
        return () => listeners.delete(channel)
      }
    }
  }
}

describe('window.hark from the contract', () => {
  it('has a function for every invoke and send channel, and nothing else but `on`', async () => {
    const { transport, log } = recorder()
    const api = buildHarkApi(transport) as unknown as Record<string, Record<string, unknown>>
    const channels = [...channelsOfKind('invoke'), ...channelsOfKind('send')]
    for (const channel of channels) {
      const [ns, method] = apiPath(channel)
      const fn = api[ns]?.[method]
      expect(typeof fn, channel).toBe('function')
      await (fn as (arg: unknown) => unknown)({ probe: channel })
    }
    expect(log.map(([kind, channel]) => `${String(kind)}:${String(channel)}`)).toEqual(
      channels.map(
        (c) => `${channelsOfKind('invoke').includes(c as never) ? 'invoke' : 'send'}:${c}`
      )
    )
    const methodCount = Object.entries(api)
      .filter(([name]) => name !== 'on')
      .reduce((sum, [, ns]) => sum + Object.keys(ns).length, 0)
    expect(methodCount).toBe(channels.length)
  })

  it('subscribes to event channels only and unsubscribes', () => {
    const { transport, listeners } = recorder()
    const api = buildHarkApi(transport)
    const seen: unknown[] = []
    const off = api.on('session.status', (payload) => seen.push(payload))
    listeners.get('session.status')?.({ status: 'connected' })
    expect(seen).toEqual([{ status: 'connected' }])
    off()
    expect(listeners.size).toBe(0)
    for (const channel of ['session.start', 'audio.append', 'bogus'])
      expect(() => api.on(channel as EventChannel, () => undefined)).toThrow(/is not a Hark event/)
  })

  it('answers failures as plain replies whose code survives a structured clone', async () => {
    // Electron's contextBridge clones what crosses it: an Error keeps only its message, so the
    // code must travel in a resolved plain object, and the page makes the HarkError itself.
    const failure = { ok: false, code: 'auth', message: 'No API key is set.' }
    const bridge = buildHarkApi(recorder(() => Promise.resolve(failure)).transport)
    const crossed = structuredClone(await bridge.session.start())
    expect(crossed).toEqual(failure)

    const page = unwrapHarkApi(bridge)
    const error: unknown = await page.session.start().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(HarkError)
    expect(error).toMatchObject({ code: 'auth', message: 'No API key is set.' })
    await expect(
      unwrapHarkApi(
        buildHarkApi(recorder(() => Promise.resolve({ ok: true, value: 7 })).transport)
      ).key.status()
    ).resolves.toBe(7)
  })

  it('turns a broken seam or a malformed reply into an unknown failure, never a throw', async () => {
    for (const reply of [() => Promise.reject(new Error('boom')), () => Promise.resolve('raw')]) {
      const bridge = buildHarkApi(recorder(reply).transport)
      await expect(bridge.key.status()).resolves.toMatchObject({ ok: false, code: 'unknown' })
      await expect(unwrapHarkApi(bridge).key.status()).rejects.toMatchObject({ code: 'unknown' })
    }
  })

  it('refuses a payload larger than any channel takes before sending it, with a "too large" sentence', async () => {
    // Main checks each channel's own cap (router tests); the preload knows only the largest.
    expect(MAX_RENDERER_MESSAGE_BYTES).toBe(MAX_IPC_MESSAGE_BYTES)
    const { transport, log } = recorder()
    const bridge = buildHarkApi(transport)
    const reply = await bridge.settings.set({
      instructions: 'x'.repeat(MAX_RENDERER_MESSAGE_BYTES + 1)
    })
    expect(reply).toMatchObject({ ok: false, code: 'invalid_input' })
    expect(!reply.ok && reply.message).toMatch(
      /^That was too large for Hark to accept: no request may be over \d+ KB\.$/
    )
    bridge.audio.append(new Uint8Array(MAX_RENDERER_MESSAGE_BYTES + 1))
    expect(log).toEqual([])
    // 20,000 CJK characters of instructions are legal and leave.
    await bridge.settings.set({ instructions: '語'.repeat(20_000) })
    expect(log).toHaveLength(1)
  })
})
