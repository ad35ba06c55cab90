// When a tool waits for the user's approval and the window is hidden, a system notification says
// so (clicking it opens the window, where the approval card is). Nothing is approved from here.
import { Notification } from 'electron'
import type { CoreActivity } from '../app/hark-main'

export function noticeWaitingApprovals(options: {
  windowVisible: () => boolean
  onOpen: () => void
}): (activity: CoreActivity) => void {
  return (activity) => {
    if (activity.channel !== 'tools.approvalRequested' || options.windowVisible()) return
    if (!Notification.isSupported()) return
    const notice = new Notification({
      title: 'Hark is waiting for you',
      body: `Allow ${activity.payload.toolName}? Open Hark to answer.`
    })
    notice.on('click', options.onOpen)
    notice.show()
  }
}
