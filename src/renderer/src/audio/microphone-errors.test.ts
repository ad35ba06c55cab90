import { describe, expect, it } from 'vitest'
import { describeMicrophoneError, MicrophoneProblem, silentDenial } from './microphone-errors'

const MAC = 'MacIntel'
const LINUX = 'Linux x86_64'
const domError = (name: string): DOMException => new DOMException('from the browser', name)

describe('describeMicrophoneError', () => {
  it('points macOS users at System Settings when access is denied', () => {
    const sentence = describeMicrophoneError(domError('NotAllowedError'), MAC)
    expect(sentence).toContain('not allowed to use the microphone')
    expect(sentence).toContain('System Settings → Privacy & Security → Microphone')
  })

  it('gives a general fix elsewhere', () => {
    const sentence = describeMicrophoneError(domError('NotAllowedError'), LINUX)
    expect(sentence).toContain('privacy settings')
    expect(sentence).not.toContain('System Settings')
  })

  it('says when there is no microphone, or it is busy', () => {
    expect(describeMicrophoneError(domError('NotFoundError'), LINUX)).toContain(
      'found no microphone'
    )
    expect(describeMicrophoneError(domError('NotReadableError'), LINUX)).toContain('busy')
  })

  it('passes its own problems through and names anything else', () => {
    expect(describeMicrophoneError(new MicrophoneProblem('Exactly this.'), LINUX)).toBe(
      'Exactly this.'
    )
    expect(describeMicrophoneError(new Error('odd'), LINUX)).toBe(
      'Hark cannot use the microphone: odd'
    )
  })

  it('explains a silent denial (a muted or ended track) as a denial', () => {
    expect(silentDenial(MAC).message).toContain('Privacy & Security → Microphone')
  })
})
