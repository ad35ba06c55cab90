// The global hotkey lives in main, the microphone here: main's talk events drive the same
// push-to-talk as the window's Hold to talk (barge-in with the exact-frame flush, ptt.down,
// streaming; then the last chunk and ptt.up, or ptt.cancel for a press too short to hold speech).
import { create } from 'zustand'
import type { HarkApi, HotkeyStatusInfo } from '../../../shared/ipc'
import type { PushToTalk } from './push-to-talk'

/** Which global hotkey mode is active and why; null until main has answered. */
export const useHotkey = create<{ status: HotkeyStatusInfo | null }>()(() => ({ status: null }))

export function connectHotkey(hark: HarkApi, pushToTalk: PushToTalk): () => void {
  const unsubscribers = [
    hark.on('hotkey.talkStart', () => pushToTalk.press()),
    hark.on('hotkey.talkEnd', () => pushToTalk.release({ flush: true })),
    hark.on('hotkey.talkCancel', () => pushToTalk.cancel()),
    hark.on('hotkey.statusChanged', (status) => useHotkey.setState({ status }))
  ]
  hark.hotkey.status().then(
    // A status event that arrived meanwhile is newer than this answer.
    (status) => useHotkey.setState((state) => (state.status ? state : { status })),
    () => undefined
  )
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}

/** The line shown near Hold to talk. */
export function hotkeyHint(status: HotkeyStatusInfo | null): string | null {
  if (!status) return null
  if (status.mode === 'hold') return `Hold ${status.hotkey} anywhere to talk.`
  return status.reason
}
