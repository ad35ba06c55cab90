// The CLI's exit codes (docs/architecture.md, "The headless CLI"). Scripts branch on these, so they are part of the interface:
// never renumber them.

import type { ErrorCode } from '../../shared/realtime-events'

export const ExitCode = {
  ok: 0,
  other: 1,
  usage: 2,
  auth: 3,
  connection: 4,
  timeout: 5,
  /** Conventional for a run ended by Ctrl-C (128 + SIGINT). */
  interrupted: 130
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** The exit code for a core error: only auth and network problems have codes of their own. */
export function exitCodeForError(code: ErrorCode | undefined): ExitCode {
  if (code === 'auth') return ExitCode.auth
  if (code === 'network') return ExitCode.connection
  return ExitCode.other
}

/** A failure the CLI reports as one line on stderr and an exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'CliError'
  }
}
