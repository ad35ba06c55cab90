import { describe, expect, it } from 'vitest'
import { MAX_APPEND_BYTES } from '../../shared/pcm'
import type { InvokeChannel } from '../../shared/ipc'
import { createHarness } from '../../../test/doubles/hark-main-harness'
import { HarkError } from './ipc-error'

async function rejection(promise: Promise<unknown>): Promise<HarkError> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (caught: unknown) => caught
  )
  expect(error).toBeInstanceOf(HarkError)
  return error as HarkError
}

const KEY = 'sk-test-0123456789abcdef'

describe('IPC router: invalid requests', () => {
  const invalid: [InvokeChannel, unknown][] = [
    ['session.start', 'now'],
    ['session.sendText', {}],
    ['session.sendText', { text: '   ' }],
    ['session.sendText', { text: 42 }],
    ['session.sendText', { text: 'x'.repeat(4001) }],
    ['settings.set', { model: 5 }],
    ['settings.set', { url: 'http://example.com' }],
    ['settings.set', { notASetting: true }],
    ['key.set', { key: 'short', persist: true }],
    ['key.set', { key: KEY }],
    ['key.status', { reveal: true }]
  ]

  it.each(invalid)('%s rejects %j with one clear sentence', async (channel, payload) => {
    const h = await createHarness()
    const error = await rejection(h.router.handleInvoke(channel, payload))
    expect(error.code).toBe('invalid_input')
    expect(error.message).toMatch(/^Hark refused an invalid request \(.+\)\.$/)
    expect(error.message).not.toContain('\n')
    expect(h.controllers).toHaveLength(0)
  })

  it('keeps the refused value out of the message and the log', async () => {
    const h = await createHarness()
    const longKey = `${KEY}${'z'.repeat(600)}`
    await rejection(h.router.handleInvoke('key.set', { key: longKey, persist: true }))
    expect(JSON.stringify(h.logs)).not.toContain(KEY)
    expect((await h.router.handleInvoke('key.status', undefined)) as object).toMatchObject({
      configured: false
    })
  })

  it('connects for a typed message while disconnected, and says why when it cannot', async () => {
    // Connect on demand (issue 13): without a key the connect fails with its own reason.
    const h = await createHarness()
    const error = await rejection(h.router.handleInvoke('session.sendText', { text: 'hello' }))
    expect(error.code).toBe('auth')
    expect(h.controller().calls.map((c) => c.method)).toEqual(['start'])
  })
})

describe('IPC router: session', () => {
  it('starts a controller and forwards commands', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('session.start', undefined)
    await h.router.handleInvoke('session.sendText', { text: ' hello ' })
    await h.router.handleInvoke('session.interrupt', undefined)
    expect(h.controller().calls).toEqual([
      { method: 'start' },
      { method: 'sendText', text: 'hello' },
      { method: 'interrupt' }
    ])
    // Session events say which assistant's session they come from (issue 14).
    expect(h.emitted.map((e) => e.payload)).toEqual([
      { status: 'connecting', assistantId: 'default' },
      { status: 'connected', assistantId: 'default' }
    ])
  })

  it('maps hot-path messages and drops bad audio without throwing', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('session.start', undefined)
    h.router.handleSend('audio.append', new Uint8Array(960))
    for (const bad of [
      new Uint8Array(3),
      new Uint8Array(0),
      new Uint8Array(MAX_APPEND_BYTES + 2),
      new Int16Array(480),
      'AAAA',
      [0, 0],
      null
    ])
      expect(() => h.router.handleSend('audio.append', bad)).not.toThrow()
    h.router.handleSend('playback.progress', { itemId: 'item_1', playedMs: 250 })
    h.router.handleSend('playback.progress', { itemId: 'item_1', playedMs: -1 })
    h.router.handleSend('playback.progress', { itemId: 'item_1', playedMs: 300, final: true })
    h.router.handleSend('playback.progress', { itemId: 'item_1', playedMs: 300, final: 'yes' })
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('ptt.up', undefined)
    h.router.handleSend('ptt.up', { evil: true })
    expect(h.controller().calls.slice(1)).toEqual([
      { method: 'appendAudio', bytes: 960 },
      { method: 'reportPlayback', itemId: 'item_1', playedMs: 250, final: false },
      { method: 'reportPlayback', itemId: 'item_1', playedMs: 300, final: true },
      { method: 'interrupt' },
      { method: 'commitUserTurn' }
    ])
    expect(h.logs.filter((l) => l.message === 'ipc: invalid message dropped')).toHaveLength(10)
  })

  it('drops hot-path messages while no session is open', async () => {
    const h = await createHarness()
    expect(() => h.router.handleSend('audio.append', new Uint8Array(960))).not.toThrow()
    expect(() => h.router.handleSend('ptt.up', undefined)).not.toThrow()
    expect(h.controllers).toHaveLength(0)
  })

  it('builds a new controller per start with the settings of that moment', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('session.start', undefined)
    const first = h.controller()
    await h.router.handleInvoke('settings.set', { model: 'gpt-realtime-2.1-mini', voice: 'marin' })
    expect(first.config.model).toBe('gpt-realtime-2.1')
    await h.router.handleInvoke('session.start', undefined)
    expect(h.controllers).toHaveLength(2)
    expect(first.calls.at(-1)).toEqual({ method: 'stop' })
    expect(h.controller().config).toMatchObject({ model: 'gpt-realtime-2.1-mini', voice: 'marin' })
    // Events of the stopped controller no longer reach the renderer.
    const count = h.emitted.length
    first.emit({ type: 'speech_started', itemId: null })
    expect(h.emitted).toHaveLength(count)
    await h.router.handleInvoke('session.stop', undefined)
    expect(h.controller().calls.at(-1)).toEqual({ method: 'stop' })
  })

  it('keeps one live controller when starts and stops overlap', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await Promise.all([
      h.router.handleInvoke('session.start', undefined),
      h.router.handleInvoke('session.start', undefined)
    ])
    expect(h.controllers).toHaveLength(1)
    await Promise.all([
      h.router.handleInvoke('session.start', undefined),
      h.router.handleInvoke('session.stop', undefined)
    ])
    expect(h.controllers).toHaveLength(1)
    expect(h.controller().status).toBe('disconnected')
  })

  it('merges a settings patch over the earlier ones', async () => {
    const h = await createHarness()
    await h.router.handleInvoke('settings.set', { voice: 'marin' })
    const reply = await h.router.handleInvoke('settings.set', { model: 'gpt-realtime-mini' })
    expect(reply).toMatchObject({
      settings: { voice: 'marin', model: 'gpt-realtime-mini' },
      notice: null
    })
  })

  it('rejects start with an auth code when there is no key', async () => {
    const h = await createHarness()
    const error = await rejection(h.router.handleInvoke('session.start', undefined))
    expect(error.code).toBe('auth')
    expect(error.message).toMatch(/^No API key is set\./)
  })

  it('hides unexpected failures behind a generic sentence', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('session.start', undefined)
    h.controller().sendText = () => {
      throw new TypeError('internal detail at foo.ts:12')
    }
    const error = await rejection(h.router.handleInvoke('session.sendText', { text: 'hi' }))
    expect(error.code).toBe('unknown')
    expect(error.message).not.toContain('foo.ts')
  })

  it('stops the session on dispose', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('session.start', undefined)
    await h.router.dispose()
    expect(h.controller().calls.at(-1)).toEqual({ method: 'stop' })
  })
})

describe('IPC router: the API key', () => {
  it('prefers the environment, then this run, then secure storage', async () => {
    const stored = 'sk-stored-aaaaaaaaaaaa'
    const runOnly = 'sk-run-bbbbbbbbbbbbbb'
    const h = await createHarness()
    await h.router.handleInvoke('key.set', { key: stored, persist: true })
    await h.router.handleInvoke('session.start', undefined)
    expect(h.controller().keySeen).toBe(stored)
    await h.router.handleInvoke('key.set', { key: runOnly, persist: false })
    await h.router.handleInvoke('session.start', undefined)
    expect(h.controller().keySeen).toBe(runOnly)

    const withEnv = await createHarness({ OPENAI_API_KEY: KEY })
    await withEnv.router.handleInvoke('key.set', { key: stored, persist: true })
    await withEnv.router.handleInvoke('session.start', undefined)
    expect(withEnv.controller().keySeen).toBe(KEY)
  })

  it('never puts the key in a reply, an event or a log line', async () => {
    const h = await createHarness()
    const seen: unknown[] = []
    const call = async (channel: InvokeChannel, payload?: unknown): Promise<void> => {
      seen.push(await h.router.handleInvoke(channel, payload).catch((error: unknown) => error))
    }
    await call('key.set', { key: KEY, persist: true })
    await call('key.status')
    await call('settings.get')
    await call('session.start')
    const controller = h.controller()
    controller.emit({ type: 'transcript_done', role: 'user', itemId: 'item_1', text: 'hi' })
    controller.emit({ type: 'error', code: 'auth', message: 'The key was refused.' })
    await call('session.sendText', { text: 'hello' })
    controller.failStart = new Error('refused')
    await call('session.start')
    await call('key.set', { key: KEY, persist: false })
    await call('key.clear')
    await call('session.stop')

    expect(controller.keySeen).toBe(KEY)
    const everything = JSON.stringify([seen, h.emitted, h.logs], (_key, value: unknown) =>
      value instanceof Error ? { ...value, name: value.name, message: value.message } : value
    )
    expect(everything.length).toBeGreaterThan(200)
    expect(everything).not.toContain(KEY)
    expect(everything).not.toContain(Buffer.from(KEY).toString('base64'))
  })
})
