// A GPT-Live session that expired or whose connection dropped is replaced by a new one carrying
// the conversation (reference §2: `session.input`, at most 128 text messages), so the user notices
// at most a short pause. A few attempts with a growing wait; a rejected key ends it at once.
import type { ErrorCode, RealtimeCoreEvent } from '../../../shared/realtime-events'
import type { RealtimeLog } from '../../realtime/event-bus'
import type { LiveEngineOptions } from './live-engine-options'
import { liveFailure, sessionEnd } from './live-failures'
import type { LiveSocketClose } from './live-socket'
import type { LiveTimers } from './live-turn-clock'

export const DEFAULT_RENEW_ATTEMPTS = 3

export interface RenewalDeps {
  attempts: number
  delayMs: (attempt: number) => number
  sleep: (ms: number) => Promise<void>
  /** The user disconnected meanwhile: give up without a word. */
  isStopping: () => boolean
  openSession: () => Promise<void>
  setStatus: (event: Extract<RealtimeCoreEvent, { type: 'status' }>) => void
  failure: (error: unknown) => { code: ErrorCode; message: string }
  log: RealtimeLog
}

export const defaultRenewDelayMs = (attempt: number): number => 500 * 2 ** (attempt - 2)

/** The renewal's fixed parts, from the engine's options (tests pass fewer tries, shorter waits). */
export function renewalSettings(
  options: Pick<LiveEngineOptions, 'maxRenewAttempts' | 'renewDelayMs'>,
  timers: LiveTimers,
  url: string
): Pick<RenewalDeps, 'attempts' | 'delayMs' | 'sleep' | 'failure'> {
  return {
    attempts: options.maxRenewAttempts ?? DEFAULT_RENEW_ATTEMPTS,
    delayMs: options.renewDelayMs ?? defaultRenewDelayMs,
    sleep: (ms) => new Promise((resolve) => timers.setTimeout(resolve, ms)),
    failure: (error) => liveFailure(error, url)
  }
}

export async function renewSession(why: string, deps: RenewalDeps): Promise<void> {
  let failure: { code: ErrorCode; message: string } = { code: 'network', message: why }
  for (let attempt = 1; attempt <= deps.attempts; attempt++) {
    deps.setStatus({
      type: 'status',
      status: 'connecting',
      reason: attempt === 1 ? why : `${why} (attempt ${attempt} of ${deps.attempts})`
    })
    if (attempt > 1) await deps.sleep(deps.delayMs(attempt))
    if (deps.isStopping()) return
    try {
      await deps.openSession()
      if (deps.isStopping()) return
      deps.setStatus({ type: 'status', status: 'connected' })
      return
    } catch (error) {
      failure = deps.failure(error)
      deps.log('warn', 'Could not renew the GPT-Live session', { ...failure, attempt })
      if (failure.code === 'auth') break
    }
  }
  if (deps.isStopping()) return
  deps.setStatus({
    type: 'status',
    status: 'disconnected',
    reason: `GPT-Live could not start a new session: ${failure.message} The conversation so far is kept.`,
    code: failure.code
  })
}

/** A session ended without the user asking: renew it, or stop and say why (SessionClosedEvent.reason). */
export async function afterSessionEnd(close: LiveSocketClose, deps: RenewalDeps): Promise<void> {
  const end = close.closed
    ? sessionEnd(close.closed.reason)
    : ({
        kind: 'renew',
        message: 'The connection to GPT-Live dropped; continuing in a new session.'
      } as const)
  deps.log('warn', 'The GPT-Live session ended', {
    reason: close.closed?.reason ?? 'no session.closed',
    closeCode: close.diagnostics.closeCode
  })
  if (end.kind === 'renew') return renewSession(end.message, deps)
  deps.setStatus({
    type: 'status',
    status: 'disconnected',
    reason: end.message,
    ...(end.code ? { code: end.code } : {})
  })
}
