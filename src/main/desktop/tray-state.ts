// What the tray icon shows, derived from the core's activity (the events the renderer gets plus
// the renderer's talk and playback messages). Pure: the tray adapter feeds it activities with the
// time and asks for the look, so every transition is unit-tested without Electron.
//
// "Speaking" is about what the user hears, not what the server sends: audio arrives faster than
// real time, so it lasts until the renderer reports every received millisecond played (or the
// audio is flushed), with a deadline in case no report ever comes (a renderer that crashed).
import type { CoreActivity } from '../app/hark-main'

export type TrayLook = 'idle' | 'listening' | 'speaking' | 'error'
export const TRAY_LOOKS: readonly TrayLook[] = ['idle', 'listening', 'speaking', 'error']

type Connection = 'disconnected' | 'connecting' | 'connected' | 'reconnecting'

export interface TrayModel {
  readonly connection: Connection
  /** Why the last connect or response failed; cleared by the next connect, turn or response. */
  readonly failure: string | null
  /** Push-to-talk (window, hotkey or tray) is open. */
  readonly inTurn: boolean
  /** The server's VAD hears the user (hands-free). */
  readonly userSpeech: boolean
  readonly muted: boolean
  /** Per assistant audio item: milliseconds received from the server and played by the renderer. */
  readonly audio: Readonly<Record<string, { receivedMs: number; playedMs: number }>>
  /** When the first audio of the current answer arrived; null while none is playing. */
  readonly audioSince: number | null
  /** A downloaded update's version ("Restart to update"); null while none is ready. */
  readonly updateReady?: string | null
  /** Tool calls waiting for the user's answer, oldest first (issue 12: the tray says so). */
  readonly approvals: readonly { id: string; toolName: string }[]
}

/** PCM16 mono at 24 kHz: 48 bytes per millisecond. */
const BYTES_PER_MS = 48
/** Played within this of what was received counts as finished (one 20 ms chunk and change). */
const PLAYED_TOLERANCE_MS = 30
/** How long past real time an answer may take to play (jitter buffer, a slow start) if unreported. */
const PLAYBACK_SLACK_MS = 1500

export const initialTrayModel: TrayModel = {
  connection: 'disconnected',
  failure: null,
  inTurn: false,
  userSpeech: false,
  muted: false,
  audio: {},
  audioSince: null,
  approvals: []
}

function unplayedMs(model: TrayModel): number {
  let total = 0
  for (const item of Object.values(model.audio))
    total += Math.max(0, item.receivedMs - item.playedMs)
  return total
}

function receivedMs(model: TrayModel): number {
  let total = 0
  for (const item of Object.values(model.audio)) total += item.receivedMs
  return total
}

/** When speaking must end at the latest even without playback reports; null when not speaking. */
export function speakingDeadline(model: TrayModel): number | null {
  if (model.audioSince === null || unplayedMs(model) <= PLAYED_TOLERANCE_MS) return null
  return model.audioSince + receivedMs(model) + PLAYBACK_SLACK_MS
}

function isSpeaking(model: TrayModel, now: number): boolean {
  const deadline = speakingDeadline(model)
  return deadline !== null && now < deadline
}

const silent = (model: TrayModel): TrayModel => ({ ...model, audio: {}, audioSince: null })

export function reduceTray(model: TrayModel, activity: CoreActivity, now: number): TrayModel {
  // Finished answers are forgotten so the next one starts its own deadline.
  const current = model.audioSince !== null && !isSpeaking(model, now) ? silent(model) : model
  switch (activity.channel) {
    case 'session.status': {
      const { status, code, reason } = activity.payload
      const next = { ...current, connection: status }
      if (status === 'connecting' || status === 'connected') return { ...next, failure: null }
      if (status === 'disconnected')
        return {
          ...silent(next),
          inTurn: false,
          userSpeech: false,
          failure: code !== undefined ? (reason ?? 'The connection failed.') : null
        }
      return next
    }
    case 'error':
      return { ...current, failure: activity.payload.message }
    case 'mic.muteChanged':
      return { ...current, muted: activity.payload.muted }
    case 'ptt.down':
      // What the renderer did, not what it was asked (a hotkey press while disconnected or
      // muted opens no turn). Pressing talk barges in: the renderer flushes playback at once.
      return { ...silent(current), inTurn: true, failure: null }
    case 'ptt.up':
    case 'ptt.cancel':
    case 'hotkey.talkEnd':
    case 'hotkey.talkCancel':
      return { ...current, inTurn: false }
    case 'speech.started':
      return { ...silent(current), userSpeech: true }
    case 'speech.stopped':
      return { ...current, userSpeech: false }
    case 'response.started':
      return { ...current, failure: null }
    case 'audio.delta': {
      const { itemId, pcm } = activity.payload
      const item = current.audio[itemId] ?? { receivedMs: 0, playedMs: 0 }
      return {
        ...current,
        audio: {
          ...current.audio,
          [itemId]: { ...item, receivedMs: item.receivedMs + pcm.byteLength / BYTES_PER_MS }
        },
        audioSince: current.audioSince ?? now
      }
    }
    case 'playback.progress': {
      const { itemId, playedMs } = activity.payload
      const item = current.audio[itemId]
      if (!item) return current
      return { ...current, audio: { ...current.audio, [itemId]: { ...item, playedMs } } }
    }
    case 'audio.flush':
      return silent(current)
    case 'update.statusChanged': {
      const { phase, version } = activity.payload
      return { ...current, updateReady: phase === 'ready' ? version : null }
    }
    case 'tools.approvalRequested': {
      const { id, toolName } = activity.payload
      return { ...current, approvals: [...current.approvals, { id, toolName }] }
    }
    case 'tools.approvalEnded':
      return {
        ...current,
        approvals: current.approvals.filter((approval) => approval.id !== activity.payload.id)
      }
    default:
      return current
  }
}

export function trayLook(model: TrayModel, now: number): TrayLook {
  if (model.failure !== null) return 'error'
  if (model.inTurn || model.userSpeech) return 'listening'
  if (isSpeaking(model, now)) return 'speaking'
  return 'idle'
}

/** The tool waiting longest for the user's answer, or null. */
export function waitingTool(model: TrayModel): string | null {
  return model.approvals[0]?.toolName ?? null
}

/** The tray's hover text: the look in words, and why when something failed. */
export function trayTooltip(model: TrayModel, now: number): string {
  const waiting = waitingTool(model)
  if (waiting !== null) {
    const more = model.approvals.length > 1 ? ` (and ${model.approvals.length - 1} more)` : ''
    return `Hark is waiting for you: allow ${waiting}?${more}`
  }
  const muted = model.muted ? ' (microphone muted)' : ''
  switch (trayLook(model, now)) {
    case 'error':
      return `Hark: ${model.failure ?? 'something went wrong'}${muted}`
    case 'listening':
      return 'Hark: listening'
    case 'speaking':
      return `Hark: speaking${muted}`
    case 'idle': {
      const words: Record<Connection, string> = {
        disconnected: 'not connected',
        connecting: 'connecting…',
        connected: 'connected',
        reconnecting: 'reconnecting…'
      }
      return `Hark: ${words[model.connection]}${muted}`
    }
  }
}
