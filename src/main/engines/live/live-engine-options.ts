// How a LiveEngine is set up (tests pass short timeouts and manual timers), and its fixed words.
import type { ConversationItem } from '../../../shared/realtime-events'
import type { RealtimeLog } from '../../realtime/event-bus'
import type { HeartbeatOptions } from '../../realtime/heartbeat'
import type { LiveDelegationHandler } from './delegation'
import type { LiveTimers } from './live-turn-clock'

export interface LiveEngineOptions {
  log?: RealtimeLog
  /** How long to wait for `session.started` after connecting. */
  startTimeoutMs?: number
  handshakeTimeoutMs?: number
  /** Quiet time (no captions, no audio) after which open turns are finished: there is no "done". */
  turnIdleMs?: number
  /** Renewals tried in a row after an expiry or a drop before giving up. */
  maxRenewAttempts?: number
  renewDelayMs?: (attempt: number) => number
  delegationHandler?: LiveDelegationHandler
  /** The conversation so far (a reconnect, History's Continue): the first session's history. */
  seed?: readonly ConversationItem[]
  /** Start with the microphone muted by the user (the tray's or window's mute). */
  inputMuted?: boolean
  /** Asked before each Connect: null lets it start, a sentence refuses it (the budget). */
  admitSession?: () => string | null
  timers?: LiveTimers
  heartbeat?: HeartbeatOptions
}

export const LIVE_NO_TEXT_MESSAGE =
  'GPT-Live takes no typed messages: speak instead, or use the Realtime API engine to type.'
export const CLOSED_BY_USER = 'The session was closed.'
export const DEFAULT_START_TIMEOUT_MS = 10_000
