import { describe, expect, it } from 'vitest'
import { REDACTED, redactedLogLine, redactLogData, redactText } from './redact'

const KEY = 'sk-proj-Ab3dEfGh1jKlMn0pQrStUvWxYz0123456789'
const base64Audio = Buffer.from(new Uint8Array(4800).map((_, i) => (i * 37) % 256)).toString(
  'base64'
)

describe('log redaction', () => {
  it('replaces OpenAI keys, bearer tokens and keys in URLs inside any text', () => {
    expect(redactText(`using ${KEY} now`)).toBe(`using sk-${REDACTED} now`)
    expect(redactText('Authorization: Bearer abc.def-ghi')).toBe(
      `Authorization: Bearer ${REDACTED}`
    )
    expect(
      redactText('wss://x.openai.azure.com/openai/realtime?api-key=s3cr3t&deployment=gpt')
    ).toBe(`wss://x.openai.azure.com/openai/realtime?api-key=${REDACTED}&deployment=gpt`)
    expect(redactText('plain words stay')).toBe('plain words stay')
  })

  it('replaces secret fields whatever they hold, but keeps the hotkey', () => {
    expect(
      redactLogData({
        key: 'whatever',
        apiKey: KEY,
        api_key: 'x',
        Authorization: 'Bearer y',
        accessToken: 'z',
        clientSecret: 'w',
        hotkey: 'Ctrl+Shift+Space',
        inputTokens: 12
      })
    ).toEqual({
      key: REDACTED,
      apiKey: REDACTED,
      api_key: REDACTED,
      Authorization: REDACTED,
      accessToken: REDACTED,
      clientSecret: REDACTED,
      hotkey: 'Ctrl+Shift+Space',
      inputTokens: 12
    })
  })

  it('replaces binary audio by its size, in any field and nested', () => {
    expect(
      redactLogData({
        pcm: new Uint8Array(960),
        buffer: new ArrayBuffer(48),
        node: Buffer.alloc(10),
        view: new DataView(new ArrayBuffer(4)),
        nested: { chunks: [new Int16Array(480)] }
      })
    ).toEqual({
      pcm: '[960 bytes]',
      buffer: '[48 bytes]',
      node: '[10 bytes]',
      view: '[4 bytes]',
      nested: { chunks: ['[960 bytes]'] }
    })
  })

  it('replaces base64 audio by its length, in audio fields and inside text', () => {
    expect(redactLogData({ audio: base64Audio, delta: 'AAAAAAAAAAAAAAAAAAAA' })).toEqual({
      audio: `[base64, ${base64Audio.length} chars]`,
      delta: '[base64, 20 chars]'
    })
    // A transcript delta is words, not audio.
    expect(redactLogData({ delta: 'Hello there' })).toEqual({ delta: 'Hello there' })
    const preview = `{"type":"response.output_audio.delta","delta":"${base64Audio.slice(0, 600)}`
    expect(redactLogData({ preview })).toEqual({
      preview: '{"type":"response.output_audio.delta","delta":"[base64, 600 chars]'
    })
  })

  it('handles errors, cycles, depth and very long text without throwing', () => {
    const cyclic: Record<string, unknown> = { name: 'a' }
    cyclic['self'] = cyclic
    let deep: Record<string, unknown> = { leaf: true }
    for (let i = 0; i < 10; i++) deep = { deep }
    const out = redactLogData({
      error: new Error(`401: Incorrect API key provided: ${KEY}`, { cause: { apiKey: KEY } }),
      cyclic,
      deep,
      long: 'word '.repeat(1000)
    })
    expect(out['error']).toEqual({
      name: 'Error',
      message: `401: Incorrect API key provided: sk-${REDACTED}`,
      cause: { apiKey: REDACTED }
    })
    expect(out['cyclic']).toEqual({ name: 'a', self: '[circular]' })
    expect(JSON.stringify(out['deep'])).toContain('[nested too deep]')
    expect(String(out['long'])).toMatch(/… \[5000 chars\]$/)
  })

  it('does not change the data it was given', () => {
    const data = { apiKey: KEY, pcm: new Uint8Array(2) }
    redactLogData(data)
    expect(data.apiKey).toBe(KEY)
    expect(data.pcm).toBeInstanceOf(Uint8Array)
  })

  // The entries the core really writes (controller, session manager, router, stores, adapters):
  // whatever they carry, no key and no audio survives, and the useful facts do.
  it.each([
    [
      'Could not start the Realtime session',
      {
        code: 'auth',
        message: `Incorrect API key provided: sk-proj-****${KEY.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`
      }
    ],
    [
      'Realtime error',
      { code: 'invalid_request', message: 'Bad value', serverCode: 'invalid_value' }
    ],
    ['The Realtime connection ended', { code: 'network', message: 'The socket closed (1006).' }],
    [
      'The Realtime server sent a message that is not a JSON event; it was ignored.',
      { preview: `{"type":"input_audio_buffer.append","audio":"${base64Audio}"` }
    ],
    ['session: audio chunk refused', { error: 'RealtimeCoreError: odd PCM length' }],
    ['ipc: invalid request dropped', { channel: 'key.set', reason: 'key.set: key Too small' }],
    ['key store: key kept for this run only', { persistRequested: true }],
    [
      'hotkey: status',
      { mode: 'hold', backend: 'uiohook', hotkey: 'Ctrl+Shift+Space', reason: 'Hold it.' }
    ],
    ['session: reconnected', { replayedItems: 4 }],
    ['permission denied', { permission: 'media', mediaTypes: ['video'], url: 'file:///x' }],
    [
      'request with headers',
      { headers: { Authorization: `Bearer ${KEY}`, 'OpenAI-Beta': 'realtime=v1' } }
    ],
    ['a chunk', { pcm: new Uint8Array(960), itemId: 'item_1' }]
  ])('%s', (_message, data: Record<string, unknown>) => {
    const text = JSON.stringify(redactLogData(data))
    expect(text).not.toContain(KEY)
    expect(text).not.toContain(KEY.slice(3, 20))
    expect(text).not.toContain(base64Audio.slice(0, 100))
    expect(text).not.toMatch(/"\d+":\d+/) // a typed array serialised byte by byte
    for (const [field, value] of Object.entries(data))
      if (typeof value === 'number' || typeof value === 'boolean')
        expect(text).toContain(`"${field}":${String(value)}`)
  })
})

describe('log redaction: the wider cases', () => {
  const AZURE_HEX = '0123456789abcdef0123456789ABCDEF'
  const AZURE_LONG = 'A1b2C3d4'.repeat(10) + 'E5f6'

  it.each([
    ['an Azure hex key', `key was ${AZURE_HEX} here`, AZURE_HEX],
    ['a newer 84-character Azure key', `key ${AZURE_LONG}.`, AZURE_LONG],
    ['an api-key header line', 'api-key: s3cr3tvalue-987', 's3cr3tvalue-987'],
    ['an x-api-key header', 'X-Api-Key:abcDEF123456', 'abcDEF123456'],
    ['a JSON api-key field in text', '{"api-key":"zzzSECRETzzz"}', 'zzzSECRETzzz'],
    ['a key right after base64', `${base64Audio}${KEY}`, KEY.slice(10)],
    ['a key right after a short base64 run', `AAAAAAAA${KEY}`, KEY.slice(10)]
  ])('replaces %s inside any text', (_what, text, secret) => {
    const redacted = redactText(text)
    expect(redacted).not.toContain(secret)
    expect(redacted).toContain(REDACTED)
  })

  it('replaces fields named like secretKey or credentials', () => {
    expect(
      redactLogData({
        secretKey: 'a',
        accessKey: 'b',
        privateKey: 'c',
        credentials: { user: 'u', pass: 'p' },
        awsCredential: 'd',
        secretAccessKeyId: 'e',
        passwordHash: 'f',
        signature: 'g',
        inputTokens: 3,
        hotkey: 'Alt+X'
      })
    ).toEqual({
      secretKey: REDACTED,
      accessKey: REDACTED,
      privateKey: REDACTED,
      credentials: REDACTED,
      awsCredential: REDACTED,
      secretAccessKeyId: REDACTED,
      passwordHash: REDACTED,
      signature: REDACTED,
      inputTokens: 3,
      hotkey: 'Alt+X'
    })
  })

  it('never throws: a BigInt, a throwing getter, a function', () => {
    const hostile = Object.defineProperty({ fine: 1 }, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('getter')
      }
    })
    expect(redactLogData({ big: 10n, hostile, fn: () => 1 })).toEqual({
      big: '10n',
      hostile: { fine: 1, boom: '[unreadable]' },
      fn: '[function]'
    })
    expect(() => redactedLogLine('x', { big: 10n })).not.toThrow()
  })
})
