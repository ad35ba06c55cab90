// getUserMedia failures as sentences that say what went wrong and how to fix it (docs/architecture.md, "Audio path"):
// a denied or missing microphone must never leave a silent, dead "Hold to talk" button.

/** A failure Hark detected itself (e.g. macOS's silent denial); its message is for the user. */
export class MicrophoneProblem extends Error {
  override name = 'MicrophoneProblem'
}

const currentPlatform = (): string =>
  typeof navigator === 'undefined' ? '' : navigator.platform || navigator.userAgent

/** A sentence that says what went wrong with the microphone and how to fix it. */
export function describeMicrophoneError(error: unknown, platform = currentPlatform()): string {
  if (error instanceof MicrophoneProblem) return error.message
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  const settingsHint = /Mac/i.test(platform)
    ? 'On macOS, open System Settings → Privacy & Security → Microphone and turn Hark on, then try again.'
    : 'Allow microphone access for Hark in your system’s privacy settings, then try again.'
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return `Hark is not allowed to use the microphone. ${settingsHint}`
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'Hark found no microphone. Plug one in (or pick one in your system’s sound settings), then try again.'
  if (name === 'NotReadableError' || name === 'AbortError')
    return 'The microphone is busy or failed to start (another app may hold it). Close that app or reconnect the microphone, then try again.'
  const detail = error instanceof Error ? error.message : String(error)
  return `Hark cannot use the microphone: ${detail}`
}

/** macOS's silent denial: getUserMedia succeeds, but the track is ended or stays muted. */
export function silentDenial(platform = currentPlatform()): MicrophoneProblem {
  return new MicrophoneProblem(
    describeMicrophoneError(new DOMException('Permission denied', 'NotAllowedError'), platform)
  )
}
