// Screen capture failures as sentences: on macOS a refusal names the Screen Recording permission
// and where to turn it on, as the microphone's refusal names the Microphone one.
import { describe, expect, it } from 'vitest'
import { describeMicrophoneError } from '../audio/microphone-errors'
import { describeScreenError } from './screen-errors'

const refused = new DOMException('Permission denied', 'NotAllowedError')

describe('describeScreenError', () => {
  it('on macOS says how to allow Screen Recording, the way the microphone is explained', () => {
    const screen = describeScreenError(refused, 'MacIntel')
    expect(screen).toBe(
      'Hark is not allowed to record the screen. On macOS, open System Settings → Privacy & Security → Screen Recording, turn Hark on, then quit and reopen Hark.'
    )
    expect(describeMicrophoneError(refused, 'MacIntel')).toMatch(
      /System Settings → Privacy & Security → Microphone/
    )
  })

  it('elsewhere says the capture was cancelled or not allowed', () => {
    expect(describeScreenError(refused, 'Linux x86_64')).toBe(
      'The screen capture was cancelled or not allowed, so Hark did not look.'
    )
  })

  it('names a missing screen and a failed capture', () => {
    expect(describeScreenError(new DOMException('x', 'NotFoundError'), 'Win32')).toBe(
      'Hark found no screen to capture.'
    )
    expect(describeScreenError(new DOMException('x', 'NotReadableError'), 'Win32')).toMatch(
      /could not be captured/
    )
  })
})
