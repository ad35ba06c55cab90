import { describe, expect, it } from 'vitest'
import { apiPath, channelsOfKind, type EventChannel } from '../shared/ipc'
import { encodeIpcError } from '../shared/ipc-errors'
import { buildHarkApi, HarkError, type HarkTransport } from './build-api'

function recorder(reply: (channel: string) => Promise<unknown> = () => Promise.resolve('ok')): {
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

  it('turns an encoded rejection back into an error with a code', async () => {
    const wrapped = `Error invoking remote method 'session.start': Error: ${encodeIpcError({
      code: 'auth',
      message: 'No API key is set.'
    })}`
    const api = buildHarkApi(recorder(() => Promise.reject(new Error(wrapped))).transport)
    const error: unknown = await api.session.start().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(HarkError)
    expect(error).toMatchObject({ code: 'auth', message: 'No API key is set.' })

    const other = buildHarkApi(recorder(() => Promise.reject(new Error('boom'))).transport)
    await expect(other.key.status()).rejects.toMatchObject({ code: 'unknown' })
  })
})
