// The window's getDisplayMedia, answered by main (issue 12 §3): our page gets the display under
// the pointer (desktopCapturer), video only, without a picker; any other page or frame gets
// nothing. The window takes one frame and stops the capture (renderer screen/capture-screen.ts).
//
// macOS: capturing needs the Screen Recording permission. The system asks the first time a capture
// is tried (desktopCapturer.getSources); once refused, nothing is captured until the user turns
// Hark on in System Settings → Privacy & Security → Screen Recording, and the window says so.
import {
  desktopCapturer,
  screen,
  systemPreferences,
  type Session,
  type WebContents
} from 'electron'
import type { RealtimeLog } from '../realtime/event-bus'

export function installDisplayMediaHandler(options: {
  session: Session
  ourContents: () => WebContents | null
  log: RealtimeLog
  platform?: NodeJS.Platform
}): void {
  const platform = options.platform ?? process.platform
  options.session.setDisplayMediaRequestHandler((request, callback) => {
    const ours = options.ourContents()
    const fromOurWindow =
      ours !== null && request.frame !== null && request.frame === ours.mainFrame
    if (!fromOurWindow || !request.videoRequested || request.audioRequested) {
      options.log('warn', 'screen capture refused', { origin: request.securityOrigin })
      callback({})
      return
    }
    if (platform === 'darwin') {
      const status = systemPreferences.getMediaAccessStatus('screen')
      if (status === 'denied' || status === 'restricted') {
        options.log('info', 'screen capture: macOS Screen Recording is not allowed', { status })
        callback({})
        return
      }
    }
    const display = screen.getDisplayNearestPoint(screen.getCursorScreenPoint())
    // No thumbnails: only the source is wanted, the frame comes from the capture itself.
    desktopCapturer.getSources({ types: ['screen'], thumbnailSize: { width: 0, height: 0 } }).then(
      (sources) => {
        const source = sources.find((s) => s.display_id === String(display.id)) ?? sources[0]
        // Refused, the window's getDisplayMedia fails and it says it could not capture.
        if (!source) options.log('warn', 'screen capture: the system offered no screen to capture')
        callback(source ? { video: source } : {})
      },
      (error: unknown) => {
        options.log('warn', 'screen capture: no sources', { error: String(error) })
        callback({})
      }
    )
  })
}
