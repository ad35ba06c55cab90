import { describe, expect, it } from 'vitest'
import type { EchoCheckResult } from '../../../../shared/echo-check'
import type { EchoReport } from './echo-detector'
import { echoSentence, echoVerdict, grantedSentence } from './echo-verdict'

const report = (levelDb: number | null): EchoReport => ({
  echo: levelDb !== null,
  delayMs: levelDb === null ? null : 80,
  levelDb,
  correlation: 0.5,
  problem: null
})

describe('the echo verdict', () => {
  it('is fine without echo, pause for a moderate echo, headphones for a loud one', () => {
    expect(echoVerdict(report(null))).toBe('fine')
    expect(echoVerdict(report(-30))).toBe('pause')
    expect(echoVerdict(report(-6))).toBe('headphones')
  })

  it('tells the user in words, with the delay, the level and what was granted', () => {
    const result: EchoCheckResult = {
      checkedAt: '2026-11-30T23:00:00.000Z',
      echo: true,
      delayMs: 84.2,
      levelDb: -24.6,
      verdict: 'pause',
      granted: { echoCancellation: true, noiseSuppression: true, autoGainControl: null }
    }
    expect(echoSentence(result)).toBe(
      'Hark hears itself (echo after 84 ms at -25 dB). In hands-free mode Hark will pause listening while it speaks, unless you speak clearly louder.'
    )
    expect(grantedSentence(result)).toBe(
      'Echo cancellation: on. Noise suppression: on. Automatic gain control: not reported.'
    )
  })
})
