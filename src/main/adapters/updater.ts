// The self-updater in the packaged app: electron-updater's `autoUpdater`, which reads the feed
// of the GitHub release named in `app-update.yml` (written by electron-builder from `publish` in
// electron-builder.yml). A development run (not packaged) has nothing to update.
import { app } from 'electron'
import electronUpdater from 'electron-updater'
import type { RealtimeLog } from '../realtime/event-bus'
import { electronUpdaterPort } from '../updates/electron-updater-port'
import type { UpdaterPort } from '../updates/update-port'

export function createDesktopUpdater(log: RealtimeLog): UpdaterPort | null {
  if (!app.isPackaged) return null
  try {
    return electronUpdaterPort(electronUpdater.autoUpdater, app.getVersion(), log)
  } catch (error) {
    // An unparseable app version or a missing app-update.yml: Hark runs, without updates.
    log('warn', 'updates: the updater could not start', { error: String(error) })
    return null
  }
}
