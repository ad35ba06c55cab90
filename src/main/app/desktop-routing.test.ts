// The desktop extras through main's core: the microphone switch (enforced here), the tray's Talk,
// the activity the tray watches, launch at login and the logs folder.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AppCapabilities } from '../../shared/ipc'
import { FakeCipher } from '../../../test/doubles/fake-controller'
import { createHarness } from '../../../test/doubles/hark-main-harness'
import { BROWSER_DESKTOP_REASON, type DesktopServices } from './desktop-services'
import { createHarkMain, type CoreActivity } from './hark-main'
import { HarkError } from './ipc-error'

const KEY = 'sk-test-0123456789abcdef'
const chunk = (): Uint8Array => new Uint8Array(960)

class FakeDesktop implements DesktopServices {
  applied: boolean[] = []
  failNext: Error | null = null
  available = true
  capabilities(): AppCapabilities {
    return {
      launchAtLogin: { available: this.available, reason: this.available ? null : 'Not here.' },
      logsFolder: '/logs'
    }
  }
  applyLaunchAtLogin(enabled: boolean): Promise<void> {
    const failure = this.failNext
    this.failNext = null
    if (failure) return Promise.reject(failure)
    this.applied.push(enabled)
    return Promise.resolve()
  }
  openLogsFolder(): Promise<{ opened: boolean; reason: string | null }> {
    return Promise.resolve({ opened: true, reason: null })
  }
}

async function withDesktop(
  desktop: FakeDesktop,
  settingsJson?: string
): Promise<ReturnType<typeof createHarkMain>> {
  const dir = await mkdtemp(join(tmpdir(), 'hark-desktop-'))
  if (settingsJson !== undefined) {
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(dir, 'settings.json'), settingsJson)
  }
  return createHarkMain({ userDataDir: dir, env: {}, cipher: new FakeCipher(), desktop })
}

describe('microphone mute', () => {
  it('drops audio and push-to-talk while muted, and says so to the renderer', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('session.start', undefined)
    const methods = (): string[] =>
      h
        .controller()
        .calls.slice(1)
        .map((c) => c.method)
    expect(await h.router.handleInvoke('mic.status', undefined)).toEqual({ muted: false })
    expect(await h.router.handleInvoke('mic.setMuted', { muted: true })).toEqual({ muted: true })
    expect(h.emitted.at(-1)).toEqual({ channel: 'mic.muteChanged', payload: { muted: true } })
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('audio.append', chunk())
    h.router.handleSend('ptt.up', undefined)
    expect(methods()).toEqual([])
    expect(h.logs.filter((l) => l.message.startsWith('microphone muted: dropping'))).toHaveLength(1)

    await h.router.handleInvoke('mic.setMuted', { muted: false })
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('audio.append', chunk())
    h.router.handleSend('ptt.up', undefined)
    expect(methods()).toEqual(['interrupt', 'appendAudio', 'commitUserTurn'])
  })

  it('muting mid-turn abandons the turn: the renderer stops, main clears without a commit', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('session.start', undefined)
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('audio.append', chunk())
    h.emitted.length = 0
    await h.router.handleInvoke('mic.setMuted', { muted: true })
    expect(h.emitted.map((e) => e.channel)).toEqual(['hotkey.talkCancel', 'mic.muteChanged'])
    h.router.handleSend('audio.append', chunk())
    h.router.handleSend('ptt.up', undefined)
    expect(
      h
        .controller()
        .calls.slice(1)
        .map((c) => c.method)
    ).toEqual(['interrupt', 'appendAudio', 'cancelUserTurn'])
  })

  it('setting the same state twice announces it once', async () => {
    const h = await createHarness()
    await h.router.handleInvoke('mic.setMuted', { muted: true })
    await h.router.handleInvoke('mic.setMuted', { muted: true })
    expect(h.emitted.filter((e) => e.channel === 'mic.muteChanged')).toHaveLength(1)
  })

  it('refuses a malformed request', async () => {
    const h = await createHarness()
    await expect(h.router.handleInvoke('mic.setMuted', { muted: 'yes' })).rejects.toBeInstanceOf(
      HarkError
    )
  })
})

describe("the tray's Talk", () => {
  it('asks the renderer for a turn with the hotkey talk events, like the toggle mode', async () => {
    const h = await createHarness()
    const core = h.router
    core.talk.toggleTalk()
    core.talk.toggleTalk()
    // Nothing reached main (not connected): the renderer opened no turn, so Talk starts again,
    // cancelling the press that went nowhere first.
    expect(h.emitted.map((e) => e.channel)).toEqual([
      'hotkey.talkCancel',
      'hotkey.talkStart',
      'hotkey.talkCancel',
      'hotkey.talkStart'
    ])
  })

  it('ends the turn the renderer is in, however it started', async () => {
    const h = await createHarness()
    const core = h.router
    h.router.handleSend('ptt.down', undefined)
    core.talk.toggleTalk()
    h.router.handleSend('ptt.up', undefined)
    core.talk.toggleTalk()
    expect(h.emitted.map((e) => e.channel)).toEqual([
      'hotkey.talkEnd',
      'hotkey.talkCancel',
      'hotkey.talkStart'
    ])
  })

  it('does nothing while muted', async () => {
    const h = await createHarness()
    const core = h.router
    core.talk.setMuted(true)
    h.emitted.length = 0
    core.talk.toggleTalk()
    expect(h.emitted).toEqual([])
    expect(core.talk.isMuted()).toBe(true)
  })
})

describe('core activity for the tray', () => {
  it('carries every renderer event plus the talk and playback messages, not the audio', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    const core = h.router
    const seen: CoreActivity[] = []
    const stop = core.observe((activity) => seen.push(activity))
    core.observe(() => {
      throw new Error('a broken observer')
    })
    await h.router.handleInvoke('session.start', undefined)
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('audio.append', chunk())
    h.router.handleSend('playback.progress', { itemId: 'a1', playedMs: 40 })
    h.router.handleSend('ptt.up', undefined)
    h.router.handleSend('playback.progress', { itemId: 'a1', playedMs: -1 })
    const channels = seen.map((a) => a.channel)
    expect(channels).toEqual([
      ...h.emitted.slice(0, channels.indexOf('ptt.down')).map((e) => e.channel),
      'ptt.down',
      'playback.progress',
      'ptt.up'
    ])
    expect(channels).toContain('session.status')
    expect(h.logs.some((l) => l.message === 'core: activity observer failed')).toBe(true)
    stop()
    h.router.handleSend('ptt.down', undefined)
    expect(seen.map((a) => a.channel)).toEqual(channels)
  })
})

describe('launch at login and the logs folder', () => {
  it('the browser host (no desktop services) says why it has neither', async () => {
    const h = await createHarness()
    expect(await h.router.handleInvoke('app.capabilities', undefined)).toEqual({
      launchAtLogin: { available: false, reason: BROWSER_DESKTOP_REASON },
      logsFolder: null
    })
    expect(await h.router.handleInvoke('app.openLogsFolder', undefined)).toEqual({
      opened: false,
      reason: BROWSER_DESKTOP_REASON
    })
    const error: unknown = await h.router
      .handleInvoke('settings.set', { launchAtLogin: true })
      .catch((e: unknown) => e)
    expect((error as HarkError).code).toBe('invalid_input')
    expect((error as HarkError).message).toBe(BROWSER_DESKTOP_REASON)
    // Turning it off is always allowed (and changes nothing).
    await expect(
      h.router.handleInvoke('settings.set', { launchAtLogin: false })
    ).resolves.toBeTruthy()
  })

  it('applies a changed setting, and only a changed one', async () => {
    const desktop = new FakeDesktop()
    const core = await withDesktop(desktop)
    await core.handleInvoke('settings.set', { launchAtLogin: true })
    await core.handleInvoke('settings.set', { launchAtLogin: true, voice: 'echo' })
    await core.handleInvoke('settings.set', { launchAtLogin: false })
    expect(desktop.applied).toEqual([true, false])
    expect(await core.handleInvoke('app.openLogsFolder', undefined)).toEqual({
      opened: true,
      reason: null
    })
  })

  it('puts the setting back and says why when the system refuses', async () => {
    const desktop = new FakeDesktop()
    const core = await withDesktop(desktop)
    desktop.failNext = new Error('EACCES: permission denied')
    const error: unknown = await core
      .handleInvoke('settings.set', { launchAtLogin: true })
      .catch((e: unknown) => e)
    expect((error as HarkError).message).toMatch(/could not change launch at login \(EACCES/)
    const reply = (await core.handleInvoke('settings.get', undefined)) as {
      settings: { launchAtLogin: boolean }
    }
    expect(reply.settings.launchAtLogin).toBe(false)
  })

  it('a value stored by the installed app does not block saving from a development run', async () => {
    const desktop = new FakeDesktop()
    desktop.available = false
    const core = await withDesktop(desktop, JSON.stringify({ launchAtLogin: true }))
    const reply = (await core.handleInvoke('settings.set', {
      launchAtLogin: true,
      voice: 'echo'
    })) as { settings: { voice: string } }
    expect(reply.settings.voice).toBe('echo')
    expect(desktop.applied).toEqual([])
  })

  it('renews an enabled login item at start (the app may have moved)', async () => {
    const desktop = new FakeDesktop()
    await withDesktop(desktop, JSON.stringify({ launchAtLogin: true }))
    await expect.poll(() => desktop.applied).toEqual([true])
  })
})
