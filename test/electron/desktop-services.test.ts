// Launch at login and the logs folder with `electron` replaced by the recording stub: login items
// on macOS and Windows, an XDG autostart file on Linux, nothing in a development run.
import { mkdtemp, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { electronStub } from '../doubles/electron-stub'

vi.mock('electron', async () => (await import('../doubles/electron-stub')).electronStub)
const { createDesktopServices, DEV_LOGIN_REASON } =
  await import('../../src/main/adapters/desktop-services')

afterEach(() => {
  electronStub.app.isPackaged = false
  electronStub.app.loginItem = null
  electronStub.shell.openPathResult = ''
})

const logsDir = '/var/log/hark-test'

describe('desktop services', () => {
  it('offers no launch at login in a development run, and says why', async () => {
    const services = createDesktopServices({ platform: 'darwin', env: {}, logsDir })
    expect(services.capabilities()).toEqual({
      launchAtLogin: { available: false, reason: DEV_LOGIN_REASON },
      logsFolder: logsDir
    })
    await expect(services.applyLaunchAtLogin(true)).rejects.toThrow(DEV_LOGIN_REASON)
    expect(electronStub.app.loginItem).toBeNull()
  })

  it.each(['darwin', 'win32'])('uses login items on %s', async (platform) => {
    electronStub.app.isPackaged = true
    const services = createDesktopServices({ platform, env: {}, logsDir })
    expect(services.capabilities().launchAtLogin).toEqual({ available: true, reason: null })
    await services.applyLaunchAtLogin(true)
    expect(electronStub.app.loginItem).toEqual({ openAtLogin: true })
    await services.applyLaunchAtLogin(false)
    expect(electronStub.app.loginItem).toEqual({ openAtLogin: false })
  })

  it('writes and removes an XDG autostart entry on Linux, naming the AppImage', async () => {
    electronStub.app.isPackaged = true
    const config = await mkdtemp(join(tmpdir(), 'hark-xdg-'))
    const env = { XDG_CONFIG_HOME: config, APPIMAGE: '/home/me/Apps/Hark 0.1.0.AppImage' }
    const services = createDesktopServices({ platform: 'linux', env, logsDir })
    await services.applyLaunchAtLogin(true)
    const entry = await readFile(join(config, 'autostart', 'hark.desktop'), 'utf8')
    expect(entry).toContain('Exec="/home/me/Apps/Hark 0.1.0.AppImage"\n')
    expect(electronStub.app.loginItem).toBeNull()
    await services.applyLaunchAtLogin(false)
    await expect(stat(join(config, 'autostart', 'hark.desktop'))).rejects.toThrow(/ENOENT/)
  })

  it('opens the logs folder, or says why it could not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-logs-'))
    const services = createDesktopServices({ platform: 'linux', env: {}, logsDir: dir })
    expect(await services.openLogsFolder()).toEqual({ opened: true, reason: null })
    expect(electronStub.shell.openedPaths.at(-1)).toBe(dir)
    electronStub.shell.openPathResult = 'No application is registered for folders.'
    expect(await services.openLogsFolder()).toEqual({
      opened: false,
      reason: 'No application is registered for folders.'
    })
  })
})
