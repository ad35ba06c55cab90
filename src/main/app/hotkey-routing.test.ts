// The global hotkey through main's core: ptt.cancel clears without committing, the hotkey provider's
// events reach the renderer as contract events, and the hotkey setting is checked and applied.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HotkeyStatusInfo } from '../../shared/ipc'
import { DEFAULT_HOTKEY } from '../../shared/settings'
import { FakeCipher } from '../../../test/doubles/fake-controller'
import { createHarness } from '../../../test/doubles/hark-main-harness'
import { FakeHotkey } from '../../../test/doubles/fake-hotkey'
import { createHarkMain } from './hark-main'
import { BROWSER_HOTKEY_STATUS } from './hotkey-provider'
import { HarkError } from './ipc-error'

const KEY = 'sk-test-0123456789abcdef'

async function withFakeHotkey(): Promise<{
  hotkey: FakeHotkey
  router: ReturnType<typeof createHarkMain>
  emitted: [string, unknown][]
}> {
  const hotkey = new FakeHotkey()
  const dir = await mkdtemp(join(tmpdir(), 'hark-hotkey-'))
  const router = createHarkMain({ userDataDir: dir, env: {}, cipher: new FakeCipher(), hotkey })
  const emitted: [string, unknown][] = []
  router.subscribe((channel, payload) => emitted.push([channel, payload]))
  return { hotkey, router, emitted }
}

describe('push-to-talk cancel', () => {
  it('clears the input buffer and never commits', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('session.start', undefined)
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('audio.append', new Uint8Array(960))
    h.router.handleSend('ptt.cancel', undefined)
    h.router.handleSend('ptt.cancel', { evil: true })
    expect(
      h
        .controller()
        .calls.slice(1)
        .map((c) => c.method)
    ).toEqual(['interrupt', 'appendAudio', 'cancelUserTurn'])
  })

  it('is dropped quietly without a session', async () => {
    const h = await createHarness()
    expect(() => h.router.handleSend('ptt.cancel', undefined)).not.toThrow()
    expect(h.controllers).toHaveLength(0)
  })
})

describe('global hotkey', () => {
  it('reports the browser fallback when no provider is given', async () => {
    const h = await createHarness()
    expect(await h.router.handleInvoke('hotkey.status', undefined)).toEqual(BROWSER_HOTKEY_STATUS)
  })

  it('forwards talk and status events to the renderer', async () => {
    const { hotkey, router, emitted } = await withFakeHotkey()
    expect(await router.handleInvoke('hotkey.status', undefined)).toEqual(hotkey.current)
    hotkey.fire({ type: 'talkStart' })
    hotkey.fire({ type: 'talkEnd' })
    hotkey.fire({ type: 'talkCancel' })
    const off: HotkeyStatusInfo = { mode: 'off', backend: 'none', hotkey: '', reason: 'Off.' }
    hotkey.fire({ type: 'status', status: off })
    expect(emitted).toEqual([
      ['hotkey.talkStart', undefined],
      ['hotkey.talkEnd', undefined],
      ['hotkey.talkCancel', undefined],
      ['hotkey.statusChanged', off]
    ])
    await router.dispose()
    hotkey.fire({ type: 'talkStart' })
    expect(emitted).toHaveLength(4)
  })

  it('applies the stored hotkey at start and a changed one at once', async () => {
    const { hotkey, router } = await withFakeHotkey()
    await expect.poll(() => hotkey.configured).toEqual([DEFAULT_HOTKEY])
    await router.handleInvoke('settings.set', { hotkey: 'Alt+F9' })
    await router.handleInvoke('settings.set', { voice: 'echo', hotkey: 'Alt+F9' })
    expect(hotkey.configured).toEqual([DEFAULT_HOTKEY, 'Alt+F9'])
  })

  it('refuses a hotkey that would fire while typing, with the reason', async () => {
    const { hotkey, router } = await withFakeHotkey()
    const error: unknown = await router
      .handleInvoke('settings.set', { hotkey: 'A' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HarkError)
    expect((error as HarkError).code).toBe('invalid_input')
    expect((error as HarkError).message).toMatch(/add a modifier/)
    const reply = (await router.handleInvoke('settings.get', undefined)) as {
      settings: { hotkey: string }
    }
    expect(reply.settings.hotkey).toBe(DEFAULT_HOTKEY)
    expect(hotkey.configured.filter((k) => k === 'A')).toEqual([])
  })
})
