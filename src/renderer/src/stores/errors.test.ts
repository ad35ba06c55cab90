import { describe, expect, it } from 'vitest'
import { encodeIpcError } from '../../../shared/ipc-errors'
import { codeOf, messageOf } from './errors'

describe('invoke errors', () => {
  it('reads the code and sentence of a HarkError-like error', () => {
    const error = Object.assign(new Error('OpenAI rejected the API key.'), { code: 'auth' })
    expect(codeOf(error)).toBe('auth')
    expect(messageOf(error)).toBe('OpenAI rejected the API key.')
  })

  it('unpacks an encoded message when the code did not survive the bridge', () => {
    const raw = `Error invoking remote method 'session.start': Error: ${encodeIpcError({ code: 'network', message: 'No route.' })}`
    expect(codeOf(new Error(raw))).toBe('network')
    expect(messageOf(new Error(raw))).toBe('No route.')
  })

  it('strips Electron’s prefix from anything else', () => {
    const error = new Error("Error invoking remote method 'key.set': Error: Too short")
    expect(codeOf(error)).toBeNull()
    expect(messageOf(error)).toBe('Too short')
  })
})
