import { describe, expect, it } from 'vitest'
import { DEFAULT_MODEL, DEFAULT_VOICE, OPENAI_REALTIME_BASE_URL } from '../realtime/config'
import { DEFAULT_INSTRUCTIONS } from '../../shared/settings'
import { parseCliArgs } from './args'
import type { CliEnv, CliOptions } from './args'

function options(argv: string[], env: CliEnv = {}): CliOptions {
  const parsed = parseCliArgs(argv, env)
  if (!parsed.ok || parsed.help) throw new Error(`expected options, got ${JSON.stringify(parsed)}`)
  return parsed.options
}

function usageMessage(argv: string[], env: CliEnv = {}): string {
  const parsed = parseCliArgs(argv, env)
  if (parsed.ok) throw new Error(`expected a usage error, got ${JSON.stringify(parsed)}`)
  return parsed.message
}

describe('parseCliArgs', () => {
  it('parses a text turn with defaults from the shared settings', () => {
    expect(options(['--text', 'hi'])).toEqual({
      engine: 'realtime',
      input: { kind: 'text', text: 'hi' },
      outPath: null,
      url: OPENAI_REALTIME_BASE_URL,
      model: DEFAULT_MODEL,
      voice: DEFAULT_VOICE,
      instructions: DEFAULT_INSTRUCTIONS,
      timeoutMs: 60_000,
      json: false,
      save: false,
      mcpConfigPath: null,
      approveAll: false,
      provider: 'openai'
    })
  })

  it('parses every option', () => {
    expect(
      options([
        '--in',
        'q.wav',
        '--out=r.wav',
        '--url',
        'ws://127.0.0.1:9000/v1/realtime',
        '--model',
        'gpt-realtime-mini',
        '--voice',
        'marin',
        '--instructions',
        'Be terse.',
        '--timeout',
        '2.5',
        '--json'
      ])
    ).toEqual({
      engine: 'realtime',
      input: { kind: 'wav', path: 'q.wav' },
      outPath: 'r.wav',
      url: 'ws://127.0.0.1:9000/v1/realtime',
      model: 'gpt-realtime-mini',
      voice: 'marin',
      instructions: 'Be terse.',
      timeoutMs: 2500,
      json: true,
      save: false,
      mcpConfigPath: null,
      approveAll: false,
      provider: 'openai'
    })
  })

  it('takes --mcp-config and --yes for tools', () => {
    const parsed = parseCliArgs(['--text', 'hi', '--mcp-config', 'servers.json', '--yes'], {})
    expect(parsed).toMatchObject({
      ok: true,
      options: { mcpConfigPath: 'servers.json', approveAll: true }
    })
    expect(parseCliArgs(['--text', 'hi', '--mcp-config', ' '], {})).toMatchObject({
      ok: false,
      message: '--mcp-config needs a file name. Run with --help for usage.'
    })
  })

  it('recognises --help and -h whatever else is given', () => {
    expect(parseCliArgs(['--help'], {})).toEqual({ ok: true, help: true })
    expect(parseCliArgs(['-h', '--text', 'hi'], {})).toEqual({ ok: true, help: true })
  })

  it('takes url, model and voice from the environment', () => {
    const env = {
      OPENAI_REALTIME_URL: 'wss://example.test/realtime',
      OPENAI_REALTIME_MODEL: 'env-model',
      OPENAI_REALTIME_VOICE: 'env-voice'
    }
    expect(options(['--text', 'hi'], env)).toMatchObject({
      url: 'wss://example.test/realtime',
      model: 'env-model',
      voice: 'env-voice'
    })
  })

  it('lets flags override the environment', () => {
    const env = {
      OPENAI_REALTIME_URL: 'wss://example.test/realtime',
      OPENAI_REALTIME_MODEL: 'env-model',
      OPENAI_REALTIME_VOICE: 'env-voice'
    }
    expect(
      options(
        ['--text', 'hi', '--url', 'ws://localhost:1/x', '--model', 'flag-model', '--voice', 'ash'],
        env
      )
    ).toMatchObject({ url: 'ws://localhost:1/x', model: 'flag-model', voice: 'ash' })
  })

  it('ignores blank environment values', () => {
    expect(options(['--text', 'hi'], { OPENAI_REALTIME_MODEL: '  ' }).model).toBe(DEFAULT_MODEL)
  })

  const usageErrors: [string, string[], CliEnv, RegExp][] = [
    ['no input', [], {}, /--text .* or --in/],
    ['both inputs', ['--text', 'hi', '--in', 'q.wav'], {}, /either --text or --in, not both/],
    ['empty text', ['--text', '  '], {}, /--text is empty/],
    ['empty --in', ['--in', ''], {}, /--in needs a file name/],
    ['empty --out', ['--text', 'hi', '--out', ''], {}, /--out needs a file name/],
    ['unknown option', ['--text', 'hi', '--bogus'], {}, /Unknown option --bogus\./],
    ['unknown short option', ['-x'], {}, /Unknown option -x\./],
    ['positional argument', ['hello'], {}, /Unexpected argument 'hello'/],
    ['missing value', ['--text'], {}, /--text needs a value\./],
    ['value that looks like a flag', ['--text', '--json'], {}, /--text needs a value \(for one/],
    ['value for a boolean', ['--text', 'hi', '--json=yes'], {}, /--json takes no value/],
    [
      'non-numeric timeout',
      ['--text', 'hi', '--timeout', 'soon'],
      {},
      /--timeout must be a number/
    ],
    ['zero timeout', ['--text', 'hi', '--timeout', '0'], {}, /more than 0/],
    ['negative timeout', ['--text', 'hi', '--timeout=-1'], {}, /--timeout must be a number/],
    ['huge timeout', ['--text', 'hi', '--timeout', '99999'], {}, /at most 3600/],
    ['http url', ['--text', 'hi', '--url', 'https://api.openai.com'], {}, /--url is invalid/],
    [
      'bad url from env',
      ['--text', 'hi'],
      { OPENAI_REALTIME_URL: 'api.openai.com' },
      /OPENAI_REALTIME_URL is invalid/
    ],
    ['empty model', ['--text', 'hi', '--model', ' '], {}, /--model is invalid/],
    ['overlong voice', ['--text', 'hi', '--voice', 'v'.repeat(51)], {}, /--voice is invalid/]
  ]
  it.each(usageErrors)('rejects %s with one sentence', (_name, argv, env, pattern) => {
    const message = usageMessage(argv, env)
    expect(message).toMatch(pattern)
    expect(message).toMatch(/Run with --help for usage\.$/)
    expect(message).not.toContain('\n')
  })
})
