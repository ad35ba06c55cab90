// PlaybackAwareTransport extends the SDK's OpenAIRealtimeWebSocket and relies on parts of it that
// are not public API (reference agents-realtime-sdk.md §5): the `_interrupt`, `_onAudio`,
// `_onClose` and `_cancelResponse` hooks, the `_audioLengthMs` and `_firstAudioTimestamp` fields,
// the `currentItemId` getter and the `createWebSocket` option. The SDK is pinned to an exact
// version for that reason; this test fails loudly when an upgrade moves any of it, before a
// subtle truncation or barge-in bug can ship.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { OpenAIRealtimeWebSocket } from '@openai/agents-realtime'
import { describe, expect, it } from 'vitest'
import packageJson from '../../../package.json' with { type: 'json' }
import { PlaybackAwareTransport } from './playback-aware-transport'

const PINNED = '0.20.0'
const require = createRequire(import.meta.url)

/** The installed SDK's own package.json (not exported, so found from its entry file). */
function installedVersion(): string {
  let dir = dirname(require.resolve('@openai/agents-realtime'))
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string
        version: string
      }
      if (manifest.name === '@openai/agents-realtime') return manifest.version
    } catch {
      // Not the package root yet.
    }
    const parent = dirname(dir)
    if (parent === dir) throw new Error('the @openai/agents-realtime package.json was not found')
    dir = parent
  }
}

describe('the @openai/agents-realtime internals Hark relies on', () => {
  it(`is exactly ${PINNED}, pinned without a range`, () => {
    expect(installedVersion(), 'the installed SDK changed: re-check the transport overrides').toBe(
      PINNED
    )
    const dependencies = packageJson.dependencies as Record<string, string>
    expect(dependencies['@openai/agents-realtime']).toBe(PINNED)
  })

  it('still has the protected hooks the transport overrides', () => {
    const sdk = OpenAIRealtimeWebSocket.prototype as unknown as Record<string, unknown>
    for (const hook of ['_interrupt', '_onAudio', '_onClose', '_cancelResponse'])
      expect(typeof sdk[hook], `OpenAIRealtimeWebSocket.prototype.${hook}`).toBe('function')
    // Their arity is part of the contract: _interrupt(elapsedMs, cancelOngoingResponse).
    expect((sdk['_interrupt'] as (...args: unknown[]) => void).length).toBeGreaterThanOrEqual(1)
    expect((sdk['_onAudio'] as (...args: unknown[]) => void).length).toBe(1)
    for (const method of ['connect', 'close', 'interrupt', 'requestResponse', 'sendEvent'])
      expect(typeof sdk[method], `OpenAIRealtimeWebSocket.prototype.${method}`).toBe('function')
    const getter = Object.getOwnPropertyDescriptor(
      OpenAIRealtimeWebSocket.prototype,
      'currentItemId'
    )
    expect(typeof getter?.get, 'the currentItemId getter').toBe('function')
  })

  it('still keeps the audio fields the transport reads, and takes createWebSocket', () => {
    const transport = new PlaybackAwareTransport({
      hooks: {}
    } as unknown as ConstructorParameters<typeof PlaybackAwareTransport>[0])
    const fields = transport as unknown as Record<string, unknown>
    expect(Object.hasOwn(fields, '_audioLengthMs'), '_audioLengthMs').toBe(true)
    expect(fields['_audioLengthMs']).toBe(0)
    expect(Object.hasOwn(fields, '_firstAudioTimestamp'), '_firstAudioTimestamp').toBe(true)
    expect(fields['currentItemId']).toBeUndefined()
    // The SDK reads `createWebSocket` at connect time; its source must still mention the option.
    expect(String(OpenAIRealtimeWebSocket)).toContain('createWebSocket')
  })
})
