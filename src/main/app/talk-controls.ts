// The microphone switch and the tray's Talk item. Mute is enforced here, in main, where every
// microphone chunk and push-to-talk press enters: whatever the renderer does (a bug, a stale
// hands-free stream, a hotkey event in flight), no audio reaches the Realtime session while muted.
// Talk drives the renderer's push-to-talk with the same talk events as the global hotkey's toggle
// mode, because the microphone lives in the renderer (docs/architecture.md, "Audio path").
import type { SendChannel } from '../../shared/ipc'
import type { RealtimeLog } from '../realtime/event-bus'
import type { IpcEventMessage } from './event-mapping'

export interface TalkControls {
  isMuted(): boolean
  setMuted(muted: boolean): void
  /**
   * End the push-to-talk turn the user is in (however it started), or start one: the talk events
   * of the hotkey's toggle mode, judged by what the renderer actually did (ptt.down/up).
   */
  toggleTalk(): void
  /** Whether a renderer → main message may pass (false drops it); notes turn starts and ends. */
  admit(channel: SendChannel): boolean
}

export interface TalkControlsDeps {
  emit: (message: IpcEventMessage) => void
  /** Drops the audio of a turn already under way, without a commit (the session's ptt.cancel). */
  cancelTurn: () => void
  /** Ends the open turn from main (the talk relay commits); without it the window is asked to. */
  endTurn?: () => void
  log: RealtimeLog
}

/** The messages that carry or act on microphone audio: dropped while muted. */
const MICROPHONE_CHANNELS: ReadonlySet<SendChannel> = new Set([
  'audio.append',
  'ptt.down',
  'ptt.up'
])

export function createTalkControls(deps: TalkControlsDeps): TalkControls {
  let muted = false
  /** A push-to-talk turn is open in the renderer (ptt.down seen, no ptt.up or ptt.cancel yet). */
  let inTurn = false
  let droppedLogged = false

  const setMuted = (next: boolean): void => {
    if (next === muted) return
    muted = next
    droppedLogged = false
    deps.log('info', next ? 'microphone muted' : 'microphone unmuted')
    if (next) {
      // A turn under way (or a press still opening the microphone) is abandoned, not committed.
      // The renderer ignores the cancel when nothing is held.
      deps.emit({ channel: 'hotkey.talkCancel', payload: undefined })
      if (inTurn) deps.cancelTurn()
      inTurn = false
    }
    deps.emit({ channel: 'mic.muteChanged', payload: { muted } })
  }

  return {
    isMuted: () => muted,
    setMuted,
    toggleTalk() {
      if (muted) {
        deps.log('info', 'talk ignored: the microphone is muted')
        return
      }
      if (inTurn) {
        if (deps.endTurn) deps.endTurn()
        else deps.emit({ channel: 'hotkey.talkEnd', payload: undefined })
        return
      }
      // The cancel first clears a press the renderer could not honour (not connected yet), which
      // would otherwise swallow this one; with nothing held it does nothing.
      deps.emit({ channel: 'hotkey.talkCancel', payload: undefined })
      deps.emit({ channel: 'hotkey.talkStart', payload: undefined })
    },
    admit(channel) {
      if (muted && MICROPHONE_CHANNELS.has(channel)) {
        if (!droppedLogged) deps.log('info', 'microphone muted: dropping audio and talk presses')
        droppedLogged = true
        return false
      }
      if (channel === 'ptt.down') inTurn = true
      if (channel === 'ptt.up' || channel === 'ptt.cancel') inTurn = false
      return true
    }
  }
}
