import { describe, expect, it, vi } from 'vitest'
import { channelsOfKind, type EventChannel, type HarkApi } from '../../../shared/ipc'
import { createMainEvents } from './main-events'

function seam(): {
  subscribe: HarkApi['on']
  subscriptions: EventChannel[]
  fire: (channel: EventChannel, payload: unknown) => void
} {
  const subscriptions: EventChannel[] = []
  const sinks = new Map<EventChannel, (payload: unknown) => void>()
  const subscribe = ((channel: EventChannel, listener: (payload: unknown) => void) => {
    subscriptions.push(channel)
    sinks.set(channel, listener)
    return () => undefined
  }) as HarkApi['on']
  return { subscribe, subscriptions, fire: (channel, payload) => sinks.get(channel)?.(payload) }
}

describe('main events', () => {
  it('subscribes to each event channel once, whoever listens', () => {
    const { subscribe, subscriptions, fire } = seam()
    const on = createMainEvents(subscribe)
    const seen: string[] = []
    const offA = on('session.status', ({ status }) => seen.push(`a:${status}`))
    on('session.status', ({ status }) => seen.push(`b:${status}`))
    on('mic.muteChanged', ({ muted }) => seen.push(`mic:${String(muted)}`))
    expect(subscriptions).toEqual(channelsOfKind('event'))
    fire('session.status', { status: 'connected' })
    offA()
    fire('session.status', { status: 'disconnected' })
    fire('mic.muteChanged', { muted: true })
    expect(seen).toEqual(['a:connected', 'b:connected', 'b:disconnected', 'mic:true'])
    expect(subscriptions).toHaveLength(channelsOfKind('event').length)
  })

  it('a failing listener does not keep the event from the others', () => {
    const reportError = vi.fn()
    vi.stubGlobal('reportError', reportError)
    const { subscribe, fire } = seam()
    const on = createMainEvents(subscribe)
    const seen: unknown[] = []
    on('error', () => {
      throw new Error('boom')
    })
    on('error', (payload) => seen.push(payload))
    fire('error', { code: 'network', message: 'x' })
    expect(seen).toHaveLength(1)
    expect(reportError).toHaveBeenCalledOnce()
    vi.unstubAllGlobals()
  })
})
