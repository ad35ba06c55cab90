// Permission handlers for the window's session: the microphone for our page, nothing else.
import { systemPreferences, type Session, type WebContents } from 'electron'
import { isPermissionAllowed, type OurPage } from '../security/policy'
import type { RealtimeLog } from '../realtime/event-bus'

export function installPermissionHandlers(options: {
  session: Session
  page: OurPage
  /** Our window's web contents, or null while there is none. */
  ourContents: () => WebContents | null
  log: RealtimeLog
  platform?: NodeJS.Platform
}): void {
  const { page, log } = options
  const platform = options.platform ?? process.platform
  const isOurs = (contents: WebContents | null): boolean =>
    contents !== null && contents === options.ourContents()

  options.session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : []
    const allowed = isPermissionAllowed(
      {
        permission,
        requestingUrl: details.requestingUrl,
        fromOurWindow: isOurs(contents) && details.isMainFrame,
        mediaTypes
      },
      page
    )
    if (!allowed) {
      log('warn', 'permission denied', { permission, mediaTypes, url: details.requestingUrl })
      callback(false)
      return
    }
    if (platform !== 'darwin') {
      callback(true)
      return
    }
    // macOS asks the user once, system-wide; Chromium's grant alone would capture silence.
    void askMacMicrophone().then(callback, () => callback(false))
  })

  options.session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        requestingUrl: details.requestingUrl ?? requestingOrigin,
        fromOurWindow: isOurs(contents),
        mediaTypes: details.mediaType ? [details.mediaType] : []
      },
      page
    )
  )
}

async function askMacMicrophone(): Promise<boolean> {
  const status = systemPreferences.getMediaAccessStatus('microphone')
  if (status === 'granted') return true
  if (status === 'not-determined') return systemPreferences.askForMediaAccess('microphone')
  return false
}
