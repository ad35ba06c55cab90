// When and how often the session manager retries after a dropped socket (docs/architecture.md, "The realtime core": the SDK
// does not reconnect, Hark does). Pure functions and injectable timers, so that tests decide
// every delay and never wait on the wall clock.

export const MAX_RECONNECT_ATTEMPTS = 5
export const RECONNECT_BASE_MS = 500
export const RECONNECT_CAP_MS = 8000

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(cap, base · 2^(attempt−1))).
 * Full jitter spreads the retries of many clients after a server-side drop instead of having them
 * all come back at the same instant.
 */
export function backoffDelayMs(
  attempt: number,
  random: () => number,
  baseMs = RECONNECT_BASE_MS,
  capMs = RECONNECT_CAP_MS
): number {
  const ceilingMs = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1))
  // Clamp: a random source returning 1, out-of-range values or NaN must not leave [0, ceiling].
  const value = random()
  const fraction = Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0
  return Math.floor(fraction * ceilingMs)
}

/** Run `callback` after `delayMs`; returns the function that cancels it. */
export type SetTimer = (callback: () => void, delayMs: number) => () => void

export const realTimer: SetTimer = (callback, delayMs) => {
  const handle = setTimeout(callback, delayMs)
  return () => clearTimeout(handle)
}

export function reconnectingReason(attempt: number): string {
  return `Reconnecting… (attempt ${attempt} of ${MAX_RECONNECT_ATTEMPTS})`
}

export const RECONNECT_FAILED_REASON = 'Could not reconnect to the Realtime server.'
