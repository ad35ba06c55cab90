import { describe, expect, it } from 'vitest'
import { HarkError } from '../../../shared/ipc-errors'
import { codeOf, messageOf } from './errors'

describe('invoke errors', () => {
  it('reads the code and sentence of a HarkError', () => {
    const error = new HarkError('auth', 'OpenAI rejected the API key.')
    expect(codeOf(error)).toBe('auth')
    expect(messageOf(error)).toBe('OpenAI rejected the API key.')
  })

  it('has no code for anything else', () => {
    const error = new Error('Too short')
    expect(codeOf(error)).toBeNull()
    expect(messageOf(error)).toBe('Too short')
  })
})
