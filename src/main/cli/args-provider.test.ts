import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './args'
import { cliApiKey } from './cli-key'

const AZURE = 'wss://contoso.openai.azure.com/openai/v1/realtime'

describe('CLI --provider', () => {
  it('takes azure from the flag or OPENAI_REALTIME_PROVIDER; the flag wins', () => {
    const flag = parseCliArgs(['--text', 'hi', '--provider', 'azure', '--url', AZURE], {})
    expect(flag).toMatchObject({ ok: true, options: { provider: 'azure', url: AZURE } })
    const env = parseCliArgs(['--text', 'hi', '--url', AZURE], {
      OPENAI_REALTIME_PROVIDER: 'azure'
    })
    expect(env).toMatchObject({ ok: true, options: { provider: 'azure' } })
    const both = parseCliArgs(['--text', 'hi', '--provider', 'openai'], {
      OPENAI_REALTIME_PROVIDER: 'azure'
    })
    expect(both).toMatchObject({ ok: true, options: { provider: 'openai' } })
  })

  it('refuses an unknown provider, naming where it came from', () => {
    expect(parseCliArgs(['--text', 'hi', '--provider', 'aws'], {})).toEqual({
      ok: false,
      message: "--provider is openai, azure or compatible, not 'aws'. Run with --help for usage."
    })
    expect(parseCliArgs(['--text', 'hi'], { OPENAI_REALTIME_PROVIDER: 'gcp' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^OPENAI_REALTIME_PROVIDER is/) as unknown
    })
  })

  it('refuses an Azure endpoint that is not wss:// or is OpenAI’s, before anything dials', () => {
    const plain = parseCliArgs(
      [
        '--text',
        'hi',
        '--provider',
        'azure',
        '--url',
        'ws://contoso.openai.azure.com/openai/v1/realtime'
      ],
      {}
    )
    expect(plain).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^--url is invalid/) as unknown
    })
    const openai = parseCliArgs(['--text', 'hi', '--provider', 'azure'], {})
    expect(openai).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Azure OpenAI needs your resource’s endpoint/) as unknown
    })
  })

  it('reads Azure’s own key variable first, then OPENAI_API_KEY', () => {
    expect(cliApiKey('azure', { AZURE_OPENAI_API_KEY: 'az', OPENAI_API_KEY: 'oa' })).toBe('az')
    expect(cliApiKey('azure', { OPENAI_API_KEY: 'oa' })).toBe('oa')
    expect(cliApiKey('openai', { AZURE_OPENAI_API_KEY: 'az' })).toBeUndefined()
  })
})
