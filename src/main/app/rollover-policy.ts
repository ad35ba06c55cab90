// When the session manager moves the conversation to a fresh server session on its own. The API
// ends a session at its time limit (60 minutes: an `error` "Your session hit the maximum duration
// of 60 minutes", then close 1001; reference realtime-2026-11 §1), and a reconnect forced that way
// would show "Reconnecting…" and might cut an answer. So the manager rolls over earlier, at a
// quiet moment, and invisibly. Pure numbers; the manager owns the timers.

/** The documented limit, for a server whose `session.created` carries no `expires_at`. */
export const DEFAULT_SESSION_LIFETIME_MS = 60 * 60 * 1000
/** The rollover window opens this share of the lifetime before the end (6 min of 60). */
export const ROLLOVER_LEAD_FRACTION = 0.1
/** …but never less than this before it, whatever the lifetime. */
export const MIN_ROLLOVER_LEAD_MS = 2000
/** Quiet = nothing said, played or generated for this long (and no response running). */
export const QUIET_MS = 1500
/** How often a quiet moment is looked for once the window is open (at most). */
export const QUIET_CHECK_MS = 1000

/** Milliseconds after the session became live at which the rollover window opens. */
export function rolloverDueMs(lifetimeMs: number | undefined): number {
  const lifetime =
    lifetimeMs !== undefined && Number.isFinite(lifetimeMs) && lifetimeMs > 0
      ? lifetimeMs
      : DEFAULT_SESSION_LIFETIME_MS
  const leadMs = Math.max(lifetime * ROLLOVER_LEAD_FRACTION, MIN_ROLLOVER_LEAD_MS)
  return Math.max(0, lifetime - leadMs)
}

/** The pause between looks for a quiet moment: shorter for a short (accelerated) session. */
export function quietCheckMs(lifetimeMs: number | undefined): number {
  const lifetime = lifetimeMs ?? DEFAULT_SESSION_LIFETIME_MS
  return Math.max(50, Math.min(QUIET_CHECK_MS, lifetime / 100))
}

/** Quiet needed before a rollover: shorter for a short (accelerated) session. */
export function quietNeededMs(lifetimeMs: number | undefined): number {
  const lifetime = lifetimeMs ?? DEFAULT_SESSION_LIFETIME_MS
  return Math.max(100, Math.min(QUIET_MS, lifetime / 20))
}
