import { describe, expect, it } from 'vitest'
import {
  MAX_RECONNECT_ATTEMPTS,
  RECONNECT_CAP_MS,
  backoffDelayMs,
  reconnectingReason
} from './reconnect-policy'

describe('backoffDelayMs', () => {
  it('doubles the ceiling from 500 ms per attempt and caps it at 8 s', () => {
    const half = (): number => 0.5
    expect([1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffDelayMs(attempt, half))).toEqual([
      250, 500, 1000, 2000, 4000, 4000, 4000
    ])
    const almostOne = (): number => 0.999999
    expect([1, 5, 6].map((attempt) => backoffDelayMs(attempt, almostOne))).toEqual([
      499, 7999, 7999
    ])
  })

  it('uses the full jitter range: zero is a valid delay', () => {
    expect(backoffDelayMs(3, () => 0)).toBe(0)
  })

  it('stays within [0, cap] whatever the random source returns', () => {
    for (const value of [-1, 1, 2, Number.NaN])
      for (let attempt = 1; attempt <= MAX_RECONNECT_ATTEMPTS + 3; attempt++) {
        const delayMs = backoffDelayMs(attempt, () => value)
        expect(delayMs).toBeGreaterThanOrEqual(0)
        expect(delayMs).toBeLessThanOrEqual(RECONNECT_CAP_MS)
      }
  })

  it('names the attempt in the status sentence', () => {
    expect(reconnectingReason(2)).toBe('Reconnecting… (attempt 2 of 5)')
  })
})
