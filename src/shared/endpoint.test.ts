// The endpoint rules at the schema level only: no test dials anything but loopback.
import { describe, expect, it } from 'vitest'
import { endpointHost, endpointProblem } from './endpoint'
import { settingsPatchSchema } from './settings'

describe('where the key may go', () => {
  it.each([
    'wss://api.openai.com/v1/realtime',
    'wss://my-resource.openai.azure.com/openai/realtime?deployment=gpt',
    'ws://127.0.0.1:8765/v1/realtime',
    'ws://127.8.9.10/v1/realtime',
    'ws://localhost:8765/v1/realtime',
    'ws://[::1]:8765/v1/realtime'
  ])('accepts %s', (url) => {
    expect(endpointProblem(url)).toBeNull()
    expect(settingsPatchSchema.safeParse({ url }).success).toBe(true)
  })

  it.each([
    [
      'plain ws:// to another machine',
      'ws://192.168.1.20:8765/v1/realtime',
      /only to this computer/
    ],
    ['plain ws:// to a name', 'ws://proxy.example.com/v1/realtime', /only to this computer/],
    [
      'a name that only starts like loopback',
      'ws://127.0.0.1.evil.example/',
      /only to this computer/
    ],
    ['https', 'https://api.openai.com/v1/realtime', /must start with wss:\/\//],
    ['credentials in the URL', 'wss://user:pw@api.example.com/', /user name or password/],
    ['no URL at all', 'wss://', /not a valid URL|needs a host/]
  ])('refuses %s with a sentence', (_what, url, sentence) => {
    expect(endpointProblem(url)).toMatch(sentence)
    const parsed = settingsPatchSchema.safeParse({ url })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toMatch(sentence)
  })

  it('names the host and port the key would go to', () => {
    expect(endpointHost('wss://API.openai.com/v1/realtime')).toBe('api.openai.com')
    expect(endpointHost('ws://127.0.0.1:8765/x')).toBe('127.0.0.1:8765')
    expect(endpointHost('nonsense')).toBe('')
  })
})
