// When a tool waits for the user's approval and the window is hidden, a system notification says
// so (clicking it opens the window, where the approval card is); the tray says so too
// (desktop/tray-state.ts). Nothing is approved from here. A notice is withdrawn once its approval
// ended (answered in the window, timed out, or the session closed), so none is left stale.
import { Notification } from 'electron'
import type { CoreActivity } from '../app/hark-main'

export function noticeWaitingApprovals(options: {
  windowVisible: () => boolean
  onOpen: () => void
}): (activity: CoreActivity) => void {
  const shown = new Map<string, Notification>()
  return (activity) => {
    if (activity.channel === 'tools.approvalEnded') {
      shown.get(activity.payload.id)?.close()
      shown.delete(activity.payload.id)
      return
    }
    if (activity.channel !== 'tools.approvalRequested' || options.windowVisible()) return
    if (!Notification.isSupported()) return
    const notice = new Notification({
      title: 'Hark is waiting for you',
      body: `Allow ${activity.payload.toolName}? Open Hark to answer.`
    })
    notice.on('click', options.onOpen)
    shown.set(activity.payload.id, notice)
    notice.show()
  }
}
