// electron-updater behind the UpdaterPort, without importing Electron: the desktop entry hands
// in `autoUpdater` (src/main/adapters/updater.ts), tests an updater built with a Node app adapter
// against a local feed. electron-updater reads the feed (`latest.yml`, `latest-mac.yml`,
// `latest-linux.yml` from the GitHub release, as `app-update.yml` in the package names it),
// compares versions with semver and verifies the download's sha512 before it reports it.
import type { AppUpdater, Logger } from 'electron-updater'
import type { RealtimeLog } from '../realtime/event-bus'
import type { UpdaterPort } from './update-port'

/** `currentVersion` is the app's (Electron's app.getVersion(), the one the updater compares). */
export function electronUpdaterPort(
  updater: AppUpdater,
  currentVersion: string,
  log: RealtimeLog
): UpdaterPort {
  // Hark decides when to download and install (update-service.ts), not the library.
  updater.autoDownload = false
  // Read at quit time by electron-updater's quit handler, which it adds only if this is true
  // when the download completes; the service turns it off while a session is live.
  updater.autoInstallOnAppQuit = true
  updater.allowDowngrade = false
  updater.logger = libraryLogger(log)
  return {
    currentVersion,
    check: async () => {
      const result = await updater.checkForUpdates()
      if (result === null) throw new Error('The updater is not active in this build.')
      if (!result.isUpdateAvailable) return null
      // A feed without files is malformed: nothing could be downloaded from it.
      if (result.updateInfo.files.length === 0) throw new Error('The update feed lists no files.')
      return { version: result.updateInfo.version }
    },
    download: async () => {
      await updater.downloadUpdate()
    },
    installNow: () => updater.quitAndInstall(),
    setInstallOnQuit: (on) => {
      updater.autoInstallOnAppQuit = on
    }
  }
}

/** The library's own log lines go to Hark's log (main.log), marked as the updater's. */
function libraryLogger(log: RealtimeLog): Logger {
  const line =
    (level: 'info' | 'warn' | 'error') =>
    (message?: unknown): void =>
      log(level, `updates: electron-updater: ${String(message).split('\n')[0] ?? ''}`)
  return { info: line('info'), warn: line('warn'), error: line('error') }
}
