// Entry point of `npm run -s cli`: binds main() to this process. Everything testable is in
// main.ts; this file only owns process-wide concerns (signals, last-resort handlers, exit).

import { createInterface } from 'node:readline/promises'
import { ExitCode } from './exit-codes'
import { main } from './main'

const stderrLine = (message: string): void => {
  process.stderr.write(`hark: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`)
}

// Last resort: an exception from a socket callback must still end as one line, not a stack trace.
const die = (error: unknown): void => {
  stderrLine(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(ExitCode.other)
}
process.on('uncaughtException', die)
process.on('unhandledRejection', die)

// `hark … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') die(error)
})

// The first Ctrl-C ends the turn cleanly (exit 130). Under tsx a terminal's Ctrl-C arrives twice
// (the process group's signal and tsx's relay of it), so only a later one means "quit now".
const DOUBLE_SIGNAL_WINDOW_MS = 500
const interrupt = new AbortController()
let interruptedAtMs: number | null = null
const onSignal = (): void => {
  if (interruptedAtMs === null) {
    interruptedAtMs = performance.now()
    interrupt.abort()
  } else if (performance.now() - interruptedAtMs > DOUBLE_SIGNAL_WINDOW_MS) {
    stderrLine('Interrupted.')
    process.exit(ExitCode.interrupted)
  }
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

/** One question on the terminal (stderr, so stdout stays the transcript). */
async function askOnTerminal(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return await terminal.question(question, { signal: interrupt.signal })
  } finally {
    terminal.close()
  }
}

/** Resolves once everything written to stdout has been handed to the OS (pipes may be async). */
function drainStdout(): Promise<void> {
  return new Promise((resolve) => process.stdout.write('', () => resolve()))
}

void main({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => {
    process.stdout.write(text)
  },
  stderr: (text) => {
    process.stderr.write(text)
  },
  signal: interrupt.signal,
  // Approvals are asked only where someone can answer: a terminal on standard input.
  ...(process.stdin.isTTY ? { prompt: askOnTerminal } : {})
})
  .catch((error: unknown) => {
    // main() never rejects; this is a guard, not a path.
    stderrLine(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`)
    return ExitCode.other
  })
  .then(async (exitCode) => {
    await drainStdout()
    // Exit explicitly: a socket or timer left behind by a failed connect must not keep us alive.
    process.exit(exitCode)
  })
