// What the fakes' command lines share (`npm run fake-realtime`, `npm run fake-live`): one way to
// refuse a bad option, read a number, and stop cleanly on Ctrl-C.

/** Prints `name: message` and the usage, then exits 2. */
export function usageFailure(name: string, usage: string): (message: string) => never {
  return (message) => {
    process.stderr.write(`${name}: ${message}\n${usage}\n`)
    process.exit(2)
  }
}

export function nonNegativeNumber(
  value: string | undefined,
  option: string,
  fallback: number,
  fail: (message: string) => never
): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) fail(`--${option} needs a number >= 0`)
  return n
}

export function closeOnSignals(close: () => Promise<void>): void {
  const stop = (): void => {
    void close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
