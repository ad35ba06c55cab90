// Last-resort handlers for errors nothing else caught. Without them an uncaught exception in main
// never reaches main.log (Node prints it to a console nobody sees, Electron shows a bare dialog)
// and an unhandled rejection can end the process. Both are logged, redacted like every entry,
// and the app keeps running: Hark's state lives in small objects that each catch their own
// failures (a session, a store, a window), so one stray error is no reason to drop the user's
// conversation. Logging must not throw here, or the guard itself would crash the process.
import { redactText } from '../logging/redact'
import type { RealtimeLog } from '../realtime/event-bus'

export interface GuardedProcess {
  on(event: 'uncaughtException', listener: (error: unknown) => void): unknown
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
  off(event: 'uncaughtException', listener: (error: unknown) => void): unknown
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
}

/** Installs both handlers; returns the function that removes them. */
export function installProcessGuards(target: GuardedProcess, log: RealtimeLog): () => void {
  const report = (what: string) => (problem: unknown) => {
    try {
      log('error', `${what}: Hark keeps running`, { error: describeProblem(problem) })
    } catch {
      // Nowhere left to report it; staying alive matters more.
    }
  }
  const onException = report('uncaught exception')
  const onRejection = report('unhandled promise rejection')
  target.on('uncaughtException', onException)
  target.on('unhandledRejection', onRejection)
  return () => {
    target.off('uncaughtException', onException)
    target.off('unhandledRejection', onRejection)
  }
}

/** The error's name, message and stack as redacted text; never throws. */
export function describeProblem(problem: unknown): string {
  try {
    if (problem instanceof Error)
      return redactText(problem.stack ?? `${problem.name}: ${problem.message}`)
    return redactText(
      typeof problem === 'string' ? problem : (JSON.stringify(problem) ?? 'undefined')
    )
  } catch {
    return 'an error that could not be described'
  }
}
