// When the microphone is open (README, "Connecting and the microphone"). Push-to-talk opens it on
// the press and closes it on the release, so the system's microphone indicator is on only while
// the user talks, unless "Keep the microphone ready" keeps it open while connected. Hands-free
// listens for the whole connected session. Muted keeps it closed whatever else is true.
import type { Settings } from '../../../shared/settings'
import { isHandsFree } from './capture-preferences'

export interface MicrophoneSituation {
  connected: boolean
  muted: boolean
  /** A push-to-talk press is held (it opens the microphone itself, connected or not). */
  held: boolean
  settings: Settings | null
}

export function wantsMicrophoneOpen(situation: MicrophoneSituation): boolean {
  const { connected, muted, held, settings } = situation
  if (muted) return false
  if (held) return true
  return connected && (isHandsFree(settings) || (settings?.keepMicrophoneReady ?? false))
}
