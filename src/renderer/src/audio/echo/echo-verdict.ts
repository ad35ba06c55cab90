// What the echo check tells the user, and what Hark does about it (echo-gate.ts).
import type { EchoCheckResult, EchoVerdict } from '../../../../shared/echo-check'
import type { EchoReport } from './echo-detector'

/** An echo this loud (≥ −12 dB of what was played) drowns a normal voice: headphones help. */
export const HEADPHONES_LEVEL_DB = -12

export function echoVerdict(report: EchoReport): EchoVerdict {
  if (!report.echo || report.levelDb === null) return 'fine'
  return report.levelDb >= HEADPHONES_LEVEL_DB ? 'headphones' : 'pause'
}

/** The result in words, for Settings. */
export function echoSentence(result: EchoCheckResult): string {
  const measured =
    result.delayMs !== null && result.levelDb !== null
      ? ` (echo after ${Math.round(result.delayMs)} ms at ${Math.round(result.levelDb)} dB)`
      : ''
  switch (result.verdict) {
    case 'fine':
      return 'Fine: Hark does not hear itself through your speakers.'
    case 'pause':
      return `Hark hears itself${measured}. In hands-free mode Hark will pause listening while it speaks, unless you speak clearly louder.`
    case 'headphones':
      return `Hark hears itself loudly${measured}: use headphones. Until then, in hands-free mode Hark will pause listening while it speaks.`
  }
}

const onOff = (value: boolean | null): string =>
  value === null ? 'not reported' : value ? 'on' : 'off'

/** What the platform granted, in words. */
export function grantedSentence(result: EchoCheckResult): string {
  const { echoCancellation, noiseSuppression, autoGainControl } = result.granted
  return `Echo cancellation: ${onOff(echoCancellation)}. Noise suppression: ${onOff(noiseSuppression)}. Automatic gain control: ${onOff(autoGainControl)}.`
}
