// What the overlay page may ask main for: the approval answers (the same broker as the window's
// ApprovalCard), the settings (its theme and switch) and its pointer report. Nothing else: it is
// an always-on-top page over other apps, so it gets no session, key, history or tool controls.
import type { InvokeChannel, SendChannel } from '../../shared/ipc'

export const OVERLAY_CHANNELS: ReadonlySet<InvokeChannel | SendChannel> = new Set<
  InvokeChannel | SendChannel
>(['tools.approve', 'tools.deny', 'settings.get', 'overlay.pointer'])

export function overlayMayUse(channel: string): boolean {
  return (OVERLAY_CHANNELS as ReadonlySet<string>).has(channel)
}
