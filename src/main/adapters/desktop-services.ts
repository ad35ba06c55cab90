// Launch at login and the logs folder for the desktop app: Electron's login items on macOS and
// Windows, an XDG autostart entry on Linux (Electron has no API there), shell.openPath for logs.
import { mkdir } from 'node:fs/promises'
import { app, shell } from 'electron'
import type { DesktopServices } from '../app/desktop-services'
import { autostartFilePath, setXdgAutostart } from '../desktop/xdg-autostart'

export const DEV_LOGIN_REASON =
  'Launch at login works in the installed app; this is a development run.'

export function createDesktopServices(options: {
  platform: string
  env: Readonly<Record<string, string | undefined>>
  logsDir: string
}): DesktopServices {
  const { platform, env, logsDir } = options
  const supported = platform === 'darwin' || platform === 'win32' || platform === 'linux'
  // A development run would register the bare Electron binary, which starts no Hark at all.
  const available = supported && app.isPackaged
  const reason = available
    ? null
    : supported
      ? DEV_LOGIN_REASON
      : `Launch at login is not supported on ${platform}.`

  return {
    capabilities: () => ({ launchAtLogin: { available, reason }, logsFolder: logsDir }),
    async applyLaunchAtLogin(enabled) {
      if (!available) throw new Error(reason ?? 'unavailable')
      if (platform === 'linux') {
        // An AppImage runs from a temporary mount: autostart must name the AppImage file itself.
        const executable = env['APPIMAGE'] ?? process.execPath
        await setXdgAutostart(autostartFilePath(env, app.getPath('home')), executable, enabled)
        return
      }
      app.setLoginItemSettings({ openAtLogin: enabled })
    },
    async openLogsFolder() {
      try {
        await mkdir(logsDir, { recursive: true })
      } catch {
        // openPath below reports the problem in words.
      }
      const problem = await shell.openPath(logsDir)
      return problem === '' ? { opened: true, reason: null } : { opened: false, reason: problem }
    }
  }
}
