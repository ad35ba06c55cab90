// What the host offers the core for the desktop settings: launch at login and the logs folder.
// The Electron entry supplies the real ones (login items, XDG autostart, shell.openPath); the
// browser host and tests get the "none" services below, which say why instead of failing.
import type { AppCapabilities, OpenLogsReply } from '../../shared/ipc'

export interface DesktopServices {
  capabilities(): AppCapabilities
  /** Make the operating system start Hark at login, or stop doing so. Rejects on failure. */
  applyLaunchAtLogin(enabled: boolean): Promise<void>
  openLogsFolder(): Promise<OpenLogsReply>
}

export const BROWSER_DESKTOP_REASON =
  'The browser host is not installed: launch at login and log files belong to the desktop app.'

export function noDesktopServices(reason: string = BROWSER_DESKTOP_REASON): DesktopServices {
  return {
    capabilities: () => ({ launchAtLogin: { available: false, reason }, logsFolder: null }),
    applyLaunchAtLogin: () => Promise.reject(new Error(reason)),
    // The browser host logs to its terminal; there is no folder to open.
    openLogsFolder: () => Promise.resolve({ opened: false, reason })
  }
}
