// Screen capture failures as sentences that say what went wrong and how to fix it, the way the
// microphone's are (audio/microphone-errors.ts). macOS gives a capture only with the Screen
// Recording permission, granted in System Settings and taking effect after a restart.

const currentPlatform = (): string =>
  typeof navigator === 'undefined' ? '' : navigator.platform || navigator.userAgent

export function describeScreenError(error: unknown, platform = currentPlatform()): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return /Mac/i.test(platform)
      ? 'Hark is not allowed to record the screen. On macOS, open System Settings → Privacy & Security → Screen Recording, turn Hark on, then quit and reopen Hark.'
      : 'The screen capture was cancelled or not allowed, so Hark did not look.'
  if (name === 'NotFoundError') return 'Hark found no screen to capture.'
  if (name === 'NotReadableError' || name === 'AbortError')
    return 'The screen could not be captured (the system refused or stopped it). Try again.'
  const detail = error instanceof Error ? error.message : String(error)
  return `Hark could not capture the screen: ${detail}`
}
